import { formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  varcharColumn: (a: { column: string; table: string; type: string }) =>
    `${a.column} of ${a.table} is ${a.type}: the limit is no faster than text, and changing it later takes ACCESS EXCLUSIVE (lowering it rewrites the table and every index).`,
  /** `name` is the column's name unquoted (Drizzle's column builder), `column` quoted (SQL). */
  varcharColumnHint: (a: { name: string; column: string; limit: string | number }) =>
    `Use text (Drizzle: text('${a.name}')); if the limit matters, add CHECK (char_length(${a.column}) <= ${a.limit}), which can later be replaced with NOT VALID + VALIDATE without blocking.`,
};

export const preferText: Rule = {
  id: 'prefer-text',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'varchar(n): use text, with a CHECK on the length if a limit matters',
  squawk: ['prefer-text-field'],
  messages,
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (col.type.name !== 'varchar' || col.type.schema || !col.type.mods.length) continue;
      const n = col.type.mods[0];
      ctx.report({
        at: col.typeName.location,
        message: messages.varcharColumn({ column: quoteIdent(col.name), table: showRelation(col.ref), type: formatType(col.type) }),
        hint: messages.varcharColumnHint({ name: col.name, column: quoteIdent(col.name), limit: n }),
      });
    }
  },
};
