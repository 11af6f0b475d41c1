import { formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const preferTimestamptz: Rule = {
  id: 'prefer-timestamptz',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'timestamp without time zone: use timestamptz',
  squawk: ['prefer-timestamptz'],
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (col.type.name !== 'timestamp' || col.type.schema) continue;
      ctx.report({
        at: col.typeName.location,
        message: `${quoteIdent(col.name)} of ${showRelation(col.ref)} is ${formatType(col.type)} without time zone: it stores wall-clock time, so the same instant is stored differently depending on each writer's TimeZone; converting it to timestamptz later rebuilds its indexes, or rewrites the table unless TimeZone is UTC.`,
        hint: `Use timestamptz (Drizzle: timestamp('${col.name}', { withTimezone: true })).`,
      });
    }
  },
};
