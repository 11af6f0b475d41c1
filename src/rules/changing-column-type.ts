import { nodeAs, type Node } from '../sql/ast.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { SchemaModel } from '../schema/model.js';
import type { Statement } from '../sql/statement.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { perScope } from './support/per-scope.js';
import { REWRITE } from './support/recipes.js';
import { isTrivialUsing, typeChangeEffect } from '../pg/type-change.js';

const NEW_COLUMN_HINT = 'Add a new column of the new type, backfill it in batches, switch the app to it, then drop the old column.';

/** Zones whose offset is always zero: Postgres then reuses timestamp ⇄ timestamptz values as they are. */
const UTC_ZONES = /^(etc\/)?(utc|uct|gmt|zulu|universal|greenwich)$/i;

function columnIsIndexed(schema: SchemaModel, tableKey: string, column: string): boolean {
  for (const i of schema.indexes.values()) if (i.table === tableKey && i.columns.includes(column)) return true;
  return false;
}

/**
 * The line of an earlier statement of this file that rewrote the table by a type change, if any;
 * records this one otherwise.
 */
function rewrittenBefore(ctx: StatementContext, first: Map<string, Statement>, tableKey: string): number | undefined {
  const earlier = first.get(tableKey);
  if (!earlier) first.set(tableKey, ctx.statement);
  return earlier && earlier !== ctx.statement ? earlier.location.line : undefined;
}

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ALTER COLUMN … TYPE that rewrites the table or rebuilds its indexes under ACCESS EXCLUSIVE',
  squawk: ['changing-column-type'],
  create() {
    // The first statement of the current file that rewrote each table by a type change, by table key.
    const firstRewrites = perScope<string, Map<string, Statement>>(() => new Map());
    return {
      check(ctx) {
        const alter = alterTable(ctx.statement);
        if (!alter || ctx.isNewTable(alter.key)) return;
        for (const cmd of alter.cmds) {
          if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.name) continue;
          const def = nodeAs(cmd.def, 'ColumnDef');
          const to = columnTypeOf(def?.typeName);
          const col = quoteIdent(cmd.name);
          const table = showRelation(alter.ref);
          const old = ctx.schema.column(alter.ref, cmd.name);
          const report = (message: string, hint = NEW_COLUMN_HINT) => ctx.report({ at: def?.location, message, hint });
          if (!old) {
            report(
              `Changing the type of ${col} on ${table} to ${formatType(to)} takes ACCESS EXCLUSIVE and, unless Postgres can keep the stored values, rewrites the whole table and rebuilds every index while reads and writes wait. The column's old type is unknown (no migration here created it), so the linter cannot tell which.`,
            );
            continue;
          }
          const change = `Changing the type of ${col} on ${table} from ${formatType(old.type)} to ${formatType(to)}`;
          const trivialUsing = isTrivialUsing(def?.raw_default as Node | undefined, cmd.name, to);
          const effect = trivialUsing ? typeChangeEffect(old.type, to) : 'rewrite';
          if (effect === 'rewrite') {
            const shrink = trivialUsing && old.type.name === to.name && (to.name === 'varchar' || to.name === 'numeric');
            const again = rewrittenBefore(ctx, firstRewrites(ctx.filePath), alter.key);
            report(
              `${change} ${REWRITE}.${trivialUsing ? '' : ' The USING expression makes Postgres compute every value anew.'}${again ? ` ${table} was already rewritten by line ${again} of this file: each ALTER TABLE statement rewrites it again.` : ''}`,
              (shrink
                ? `Only widening is free (varchar(n) → varchar(m ≥ n) or text; numeric(p, s) → numeric(p' ≥ p, s) or numeric). To enforce a limit, use a CHECK (…) NOT VALID and VALIDATE it in a later migration; otherwise: ${NEW_COLUMN_HINT}`
                : NEW_COLUMN_HINT) +
                (again
                  ? ` If the rewrite is acceptable, merge the type changes of ${table} into one statement (ALTER TABLE ${table} ALTER COLUMN … SET DATA TYPE …, ALTER COLUMN … SET DATA TYPE …): Postgres rewrites a table once per ALTER TABLE, however many columns it changes, and drizzle-kit writes one statement per column.`
                  : ''),
            );
            continue;
          }
          if (effect === 'timezone') {
            const zone = ctx.session.setting('timezone')?.value;
            if (!zone || !UTC_ZONES.test(zone)) {
              const underUtc = columnIsIndexed(ctx.schema, alter.key, cmd.name)
                ? "even then the column's indexes are rebuilt (a scan under ACCESS EXCLUSIVE)"
                : 'then, as no migration here indexes the column, the lock is brief';
              report(
                `${change} ${REWRITE}, unless the session TimeZone is UTC; ${underUtc}.`,
                `If the stored values are UTC, run SET LOCAL TimeZone = 'UTC' before it in the same migration: the table is then not rewritten, only the column's indexes are rebuilt. ${NEW_COLUMN_HINT}`,
              );
            } else if (columnIsIndexed(ctx.schema, alter.key, cmd.name)) {
              report(`${change} does not rewrite the table with TimeZone UTC, but it rebuilds the column's indexes: a scan under ACCESS EXCLUSIVE that blocks reads and writes.`);
            }
            continue;
          }
          if (def?.collClause && columnIsIndexed(ctx.schema, alter.key, cmd.name)) {
            report(
              `Changing the collation of ${col} on ${table} rebuilds the column's indexes under ACCESS EXCLUSIVE (a scan that blocks reads and writes), though the table is not rewritten.`,
              'Create the new index with the new collation CONCURRENTLY outside the migration transaction, or add a new column with the collation and backfill it.',
            );
          }
        }
      },
    };
  },
};
