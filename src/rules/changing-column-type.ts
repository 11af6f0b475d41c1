import { nodeAs, walkAst, type Node } from '../sql/ast.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { SchemaModel } from '../schema/model.js';
import type { Table } from '../schema/types.js';
import type { Statement } from '../sql/statement.js';
import type { Rule, StatementContext } from './types.js';
import { perScope } from './support/per-scope.js';
import { alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { REWRITE } from './support/recipes.js';
import { isTrivialUsing, typeChangeEffect } from '../pg/type-change.js';
import { withFixRecipe } from './support/fix-recipe.js';

interface Change {
  column: string;
  table: string;
  from: string;
  to: string;
}

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'expand/contract: new column, dual write, backfill, switch reads, drop',
  unknownOldType: (a: { column: string; table: string; to: string }) =>
    `Changing the type of ${a.column} on ${a.table} to ${a.to} takes ACCESS EXCLUSIVE and, unless Postgres can keep the stored values, rewrites the whole table and rebuilds every index while reads and writes wait. The column's old type is unknown (no migration here created it), so the linter cannot tell which.`,
  rewrite: (a: Change) => `Changing the type of ${a.column} on ${a.table} from ${a.from} to ${a.to} ${REWRITE}.`,
  usingRecomputes: () => 'The USING expression makes Postgres compute every value anew.',
  alreadyRewritten: (a: { table: string; line: number }) => `${a.table} was already rewritten by line ${a.line} of this file: each ALTER TABLE statement rewrites it again.`,
  timezoneIndexed: (a: Change) =>
    `Changing the type of ${a.column} on ${a.table} from ${a.from} to ${a.to} ${REWRITE}, unless the session TimeZone is UTC; even then the column's indexes are rebuilt (a scan under ACCESS EXCLUSIVE).`,
  timezoneUnindexed: (a: Change) =>
    `Changing the type of ${a.column} on ${a.table} from ${a.from} to ${a.to} ${REWRITE}, unless the server's TimeZone setting is UTC: then only the catalog changes, as no migration here indexes the column. The linter cannot see the server's TimeZone.`,
  timezoneUtcIndexed: (a: Change) =>
    `Changing the type of ${a.column} on ${a.table} from ${a.from} to ${a.to} does not rewrite the table with TimeZone UTC, but it rebuilds the column's indexes: a scan under ACCESS EXCLUSIVE that blocks reads and writes.`,
  indexRebuilt: (a: Change) =>
    `Changing the type of ${a.column} on ${a.table} from ${a.from} to ${a.to} keeps the stored values (a binary-coercible cast), but the column's indexes change operator class and are rebuilt: a scan under ACCESS EXCLUSIVE that blocks reads and writes.`,
  checksRechecked: (a: Change & { checks: string[] }) =>
    `Changing the type of ${a.column} on ${a.table} from ${a.from} to ${a.to} keeps the stored values, but Postgres re-checks ${a.checks.length === 1 ? 'the CHECK constraint' : 'the CHECK constraints'} ${a.checks.join(', ')} on the column against every row: a full scan under ACCESS EXCLUSIVE that blocks reads and writes.`,
  collation: (a: { column: string; table: string }) =>
    `Changing the collation of ${a.column} on ${a.table} rebuilds the column's indexes under ACCESS EXCLUSIVE (a scan that blocks reads and writes), though the table is not rewritten.`,
  newColumnHint: (): string =>
    withFixRecipe('Add a new column of the new type, backfill it in batches, switch the app to it, then drop the old column.', messages.fixRecipe()),
  shrinkHint: () =>
    `Only widening is free (varchar(n) → varchar(m ≥ n) or text; numeric(p, s) → numeric(p' ≥ p, s) or numeric). To enforce a limit, use a CHECK (…) NOT VALID and VALIDATE it in a later migration; otherwise: ${messages.newColumnHint()}`,
  mergeRewritesHint: (a: { table: string }) =>
    `If the rewrite is acceptable, merge the type changes of ${a.table} into one statement (ALTER TABLE ${a.table} ALTER COLUMN … SET DATA TYPE …, ALTER COLUMN … SET DATA TYPE …): Postgres rewrites a table once per ALTER TABLE, however many columns it changes, and drizzle-kit writes one statement per column.`,
  utcHint: () =>
    `If the stored values are UTC, run SET LOCAL TimeZone = 'UTC' before it in the same migration: the table is then not rewritten, only the column's indexes are rebuilt. ${messages.newColumnHint()}`,
  utcUnindexedHint: () =>
    "If the stored values are UTC, run SET LOCAL TimeZone = 'UTC' before it in the same migration: then the change is catalog-only here.",
  indexHint: () => 'If the lock is too long, build an index of the new type CONCURRENTLY on a new column instead: add the column, backfill it in batches, switch the app, drop the old one.',
  checksHint: (a: { table: string }) =>
    `Drop the CHECK before the type change and add it back NOT VALID in the same migration, then VALIDATE CONSTRAINT in a later one (a scan under SHARE UPDATE EXCLUSIVE that lets reads and writes of ${a.table} go on).`,
  collationHint: () => 'Create the new index with the new collation CONCURRENTLY outside the migration transaction, or add a new column with the collation and backfill it.',
};

/** Zones whose offset is always zero: Postgres then reuses timestamp ⇄ timestamptz values as they are. */
const UTC_ZONES = /^(etc\/)?(utc|uct|gmt|zulu|universal|greenwich)$/i;

function columnIsIndexed(schema: SchemaModel, tableKey: string, column: string): boolean {
  for (const i of schema.indexes.values()) if (i.table === tableKey && i.columns.includes(column)) return true;
  return false;
}

/** The names of the CHECK constraints whose expression reads the column. */
function checksOn(table: Table | undefined, column: string): string[] {
  const out: string[] = [];
  for (const c of table?.constraints.values() ?? []) {
    if (c.kind !== 'check') continue;
    let reads = c.columns.includes(column);
    walkAst(c.expr, (kind, body) => {
      const fields = kind === 'ColumnRef' ? (body.fields as Node[] | undefined) : undefined;
      const last = fields?.[fields.length - 1] as { String?: { sval?: string } } | undefined;
      if (last?.String?.sval === column) reads = true;
    });
    if (reads) out.push(quoteIdent(c.name));
  }
  return out;
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
  description: 'ALTER COLUMN … TYPE that rewrites the table, rebuilds its indexes or re-checks its CHECK constraints under ACCESS EXCLUSIVE',
  squawk: ['changing-column-type'],
  messages,
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
        const column = quoteIdent(cmd.name);
        const table = showRelation(alter.ref);
        const old = ctx.schema.column(alter.ref, cmd.name);
        const at = def?.location;
        if (!old) {
          ctx.report({ at, message: messages.unknownOldType({ column, table, to: formatType(to) }), hint: messages.newColumnHint() });
          continue;
        }
        const change: Change = { column, table, from: formatType(old.type), to: formatType(to) };
        const trivialUsing = isTrivialUsing(def?.raw_default as Node | undefined, cmd.name, to);
        const effect = trivialUsing ? typeChangeEffect(old.type, to) : 'rewrite';
        const indexed = columnIsIndexed(ctx.schema, alter.key, cmd.name);
        if (effect === 'rewrite') {
          const shrink = trivialUsing && old.type.name === to.name && (to.name === 'varchar' || to.name === 'numeric');
          const again = rewrittenBefore(ctx, firstRewrites(ctx.filePath), alter.key);
          const message = [messages.rewrite(change), trivialUsing ? '' : messages.usingRecomputes(), again ? messages.alreadyRewritten({ table, line: again }) : ''];
          const hint = [shrink ? messages.shrinkHint() : messages.newColumnHint(), again ? messages.mergeRewritesHint({ table }) : ''];
          ctx.report({ at, message: message.filter(Boolean).join(' '), hint: hint.filter(Boolean).join(' ') });
          continue;
        }
        const zone = ctx.session.setting('timezone')?.value;
        const utc = zone !== undefined && UTC_ZONES.test(zone);
        if (effect === 'timezone' && !utc) {
          if (indexed) ctx.report({ at, message: messages.timezoneIndexed(change), hint: messages.utcHint() });
          // Catalog-only or a rewrite depending on a setting the linter cannot see: a warning naming it.
          else ctx.report({ at, severity: 'warning', message: messages.timezoneUnindexed(change), hint: messages.utcUnindexedHint() });
          continue;
        }
        // The storage is kept from here on: what remains are index rebuilds and CHECK re-checks.
        if (effect === 'timezone' && indexed) {
          ctx.report({ at, message: messages.timezoneUtcIndexed(change), hint: messages.newColumnHint() });
          continue;
        }
        if (effect === 'index' && indexed) {
          ctx.report({ at, message: messages.indexRebuilt(change), hint: messages.indexHint() });
          continue;
        }
        const checks = checksOn(ctx.schema.table(alter.ref), cmd.name);
        // Measured on PGlite 18.6: one seq scan of the table even for a change to the same type.
        if (checks.length) {
          ctx.report({ at, message: messages.checksRechecked({ ...change, checks }), hint: messages.checksHint({ table }) });
          continue;
        }
        if (def?.collClause && indexed) ctx.report({ at, message: messages.collation({ column, table }), hint: messages.collationHint() });
      }
    },
    };
  },
};
