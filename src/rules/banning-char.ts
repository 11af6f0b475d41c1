import { formatType } from '../schema/column-type.js';
import { names, type Node } from '../sql/ast.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const banningChar: Rule = {
  id: 'banning-char',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'char(n): use text (or varchar) instead',
  squawk: ['ban-char-field'],
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      // char(n) parses as pg_catalog.bpchar; the quoted one-byte "char" type is something else.
      const parts = names(col.typeName.names as Node[] | undefined);
      if (parts[parts.length - 1] !== 'bpchar' || (parts.length === 2 && parts[0] !== 'pg_catalog')) continue;
      ctx.report({
        at: col.typeName.location,
        message: `${quoteIdent(col.name)} of ${showRelation(col.ref)} is ${formatType(col.type)}: values are padded with spaces to the full length, trailing spaces are ignored in comparisons but not by the app, and it is no faster than text.`,
        hint: `Use text (Drizzle: text('${col.name}')), with a CHECK on the length if it must be exact.`,
      });
    }
  },
};
