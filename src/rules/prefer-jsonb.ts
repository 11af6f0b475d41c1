import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const preferJsonb: Rule = {
  id: 'prefer-jsonb',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'json: use jsonb',
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (col.type.name !== 'json' || col.type.schema) continue;
      ctx.report({
        at: col.typeName.location,
        message: `${quoteIdent(col.name)} of ${showRelation(col.ref)} is json: it keeps the raw text and re-parses it on every access, has no equality operator (no DISTINCT, GROUP BY or UNIQUE on it) and no GIN index support.`,
        hint: `Use jsonb (Drizzle: jsonb('${col.name}')), unless key order or duplicate keys must be kept exactly as sent.`,
      });
    }
  },
};
