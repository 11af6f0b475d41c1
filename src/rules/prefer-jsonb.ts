import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  jsonColumn: (a: { column: string; table: string }) =>
    `${a.column} of ${a.table} is json: it keeps the raw text and re-parses it on every access, has no equality operator (no DISTINCT, GROUP BY or UNIQUE on it) and no GIN index support.`,
  /** `name` is the column's name unquoted, as Drizzle's column builder takes it. */
  jsonColumnHint: (a: { name: string }) => `Use jsonb (Drizzle: jsonb('${a.name}')), unless key order or duplicate keys must be kept exactly as sent.`,
};

export const preferJsonb: Rule = {
  id: 'prefer-jsonb',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'json: use jsonb',
  messages,
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (col.type.name !== 'json' || col.type.schema) continue;
      ctx.report({
        at: col.typeName.location,
        message: messages.jsonColumn({ column: quoteIdent(col.name), table: showRelation(col.ref) }),
        hint: messages.jsonColumnHint({ name: col.name }),
      });
    }
  },
};
