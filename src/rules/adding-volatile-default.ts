import type { Node } from '../sql/ast.js';
import type { Rule } from './types.js';
import { addedColumns, alterTable, columnConstraints } from '../sql/alter-table.js';
import { defaultVolatility } from '../pg/default-volatility.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { REWRITE } from './support/recipes.js';

export const addingVolatileDefault: Rule = {
  id: 'adding-volatile-default',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD COLUMN with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp() …) rewrites the table',
  squawk: ['adding-field-with-default'],
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
          message: `Adding column ${col} with a DEFAULT to ${table} ${REWRITE}: before PostgreSQL 11 every non-NULL default is written into each existing row.`,
          hint: `Add the column without a default, then ALTER TABLE ${table} ALTER COLUMN ${col} SET DEFAULT … (new rows only, no rewrite) and backfill existing rows in batches outside the migration.`,
        });
        continue;
      }
      if (verdict.kind !== 'volatile') continue;
      const why = verdict.known
        ? `${verdict.culprit} is volatile, so Postgres computes it for every existing row`
        : `${verdict.culprit} is not a built-in known to be stable, so it is treated as volatile; if it is, Postgres computes it for every existing row`;
      ctx.report({
        at: verdict.at ?? dflt.location,
        message: `Adding column ${col} to ${table} with a DEFAULT that calls ${verdict.culprit} ${REWRITE}: ${why}.`,
        hint: `Add ${col} without the default, then ALTER TABLE ${table} ALTER COLUMN ${col} SET DEFAULT <the same expression> (applies to new rows, no rewrite), and backfill existing rows in batches outside the migration.`,
      });
    }
  },
};
