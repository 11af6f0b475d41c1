import { formatType } from '../schema/column-type.js';
import { names, type Node } from '../sql/ast.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  charColumn: (a: { column: string; table: string; type: string }) =>
    `${a.column} of ${a.table} is ${a.type}: values are padded with spaces to the full length, trailing spaces are ignored in comparisons but not by the app, and it is no faster than text.`,
  /** `name` is the column's name unquoted, as Drizzle's column builder takes it. */
  charColumnHint: (a: { name: string }) => `Use text (Drizzle: text('${a.name}')), with a CHECK on the length if it must be exact.`,
};

export const banningChar: Rule = {
  id: 'banning-char',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'char(n): use text (or varchar) instead',
  squawk: ['ban-char-field'],
  messages,
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      // char(n) parses as pg_catalog.bpchar; the quoted one-byte "char" type is something else.
      const parts = names(col.typeName.names as Node[] | undefined);
      if (parts[parts.length - 1] !== 'bpchar' || (parts.length === 2 && parts[0] !== 'pg_catalog')) continue;
      ctx.report({
        at: col.typeName.location,
        message: messages.charColumn({ column: quoteIdent(col.name), table: showRelation(col.ref), type: formatType(col.type) }),
        hint: messages.charColumnHint({ name: col.name }),
      });
    }
  },
};
