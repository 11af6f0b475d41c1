import type { Node } from '../sql/ast.js';
import type { Rule } from './types.js';
import { addedColumns, alterTable, columnConstraints } from '../sql/alter-table.js';
import { defaultVolatility } from '../pg/default-volatility.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { REWRITE } from './support/recipes.js';

export const messages = {
  /** Before PostgreSQL 11 every non-NULL default rewrites. */
  defaultBefore11: (a: { column: string; table: string }) =>
    `Adding column ${a.column} with a DEFAULT to ${a.table} ${REWRITE}: before PostgreSQL 11 every non-NULL default is written into each existing row.`,
  defaultBefore11Hint: (a: { column: string; table: string }) =>
    `Add the column without a default, then ALTER TABLE ${a.table} ALTER COLUMN ${a.column} SET DEFAULT … (new rows only, no rewrite) and backfill existing rows in batches outside the migration.`,
  /** `culprit`: the call that makes the default volatile, as written (`nextval(…)` for long arguments). */
  volatileDefault: (a: { column: string; table: string; culprit: string }) =>
    `Adding column ${a.column} to ${a.table} with a DEFAULT that calls ${a.culprit} ${REWRITE}: ${a.culprit} is volatile, so Postgres computes it for every existing row.`,
  unknownFunctionDefault: (a: { column: string; table: string; culprit: string }) =>
    `Adding column ${a.column} to ${a.table} with a DEFAULT that calls ${a.culprit} ${REWRITE}: ${a.culprit} is not a built-in known to be stable, so it is treated as volatile; if it is, Postgres computes it for every existing row.`,
  volatileDefaultHint: (a: { column: string; table: string }) =>
    `Add ${a.column} without the default, then ALTER TABLE ${a.table} ALTER COLUMN ${a.column} SET DEFAULT <the same expression> (applies to new rows, no rewrite), and backfill existing rows in batches outside the migration.`,
};

export const addingVolatileDefault: Rule = {
  id: 'adding-volatile-default',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD COLUMN with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp() …) rewrites the table',
  squawk: ['adding-field-with-default'],
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const def of addedColumns(alter)) {
      const dflt = columnConstraints(def).find((c) => c.contype === 'CONSTR_DEFAULT');
      if (!dflt) continue;
      const verdict = defaultVolatility(dflt.raw_expr as Node | undefined);
      if (verdict.kind === 'null') continue;
      const col = quoteIdent(def.colname ?? '?');
      const table = showRelation(alter.ref);
      if (ctx.options.postgresVersion < 11) {
        ctx.report({
          at: dflt.location,
          message: messages.defaultBefore11({ column: col, table }),
          hint: messages.defaultBefore11Hint({ column: col, table }),
        });
        continue;
      }
      if (verdict.kind !== 'volatile') continue;
      const args = { column: col, table, culprit: verdict.culprit };
      ctx.report({
        at: verdict.at ?? dflt.location,
        message: verdict.known ? messages.volatileDefault(args) : messages.unknownFunctionDefault(args),
        hint: messages.volatileDefaultHint(args),
      });
    }
  },
};
