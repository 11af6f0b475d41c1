import { formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const preferText: Rule = {
  id: 'prefer-text',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'varchar(n): use text, with a CHECK on the length if a limit matters',
  squawk: ['prefer-text-field'],
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (col.type.name !== 'varchar' || col.type.schema || !col.type.mods.length) continue;
      const n = col.type.mods[0];
      ctx.report({
        at: col.typeName.location,
        message: `${quoteIdent(col.name)} of ${showRelation(col.ref)} is ${formatType(col.type)}: the limit is no faster than text, and changing it later takes ACCESS EXCLUSIVE (lowering it rewrites the table and every index).`,
        hint: `Use text (Drizzle: text('${col.name}')); if the limit matters, add CHECK (char_length(${quoteIdent(col.name)}) <= ${n}), which can later be replaced with NOT VALID + VALIDATE without blocking.`,
      });
    }
  },
};
