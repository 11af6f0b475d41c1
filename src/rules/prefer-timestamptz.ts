import { formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  timestampColumn: (a: { column: string; table: string; type: string }) =>
    `${a.column} of ${a.table} is ${a.type} without time zone: it stores wall-clock time, so the same instant is stored differently depending on each writer's TimeZone; converting it to timestamptz later rebuilds its indexes, or rewrites the table unless TimeZone is UTC.`,
  /** `name` is the column's name unquoted, as Drizzle's column builder takes it. */
  timestampColumnHint: (a: { name: string }) => `Use timestamptz (Drizzle: timestamp('${a.name}', { withTimezone: true })).`,
};

export const preferTimestamptz: Rule = {
  id: 'prefer-timestamptz',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'timestamp without time zone: use timestamptz',
  squawk: ['prefer-timestamptz'],
  messages,
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (col.type.name !== 'timestamp' || col.type.schema) continue;
      ctx.report({
        at: col.typeName.location,
        message: messages.timestampColumn({ column: quoteIdent(col.name), table: showRelation(col.ref), type: formatType(col.type) }),
        hint: messages.timestampColumnHint({ name: col.name }),
      });
    }
  },
};
