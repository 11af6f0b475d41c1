import { nodeAs, type Node } from '../sql/ast.js';
import { refOf, relationKey, type SchemaModel } from '../schema/model.js';
import type { Table } from '../schema/types.js';
import { checkImpliesBound, type BoundProofInput } from '../pg/partition-bound.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  scan: (a: { partition: string; parent: string }) =>
    `Attaching ${a.partition} to ${a.parent} scans all of ${a.partition} to prove its rows fit the partition bound, holding ACCESS EXCLUSIVE on it (reads and writes of it wait) and SHARE UPDATE EXCLUSIVE on ${a.parent}: no migration here gives ${a.partition} a validated CHECK that would let Postgres skip the scan.`,
  hint: (a: { partition: string }) =>
    `First ALTER TABLE ${a.partition} ADD CONSTRAINT … CHECK (<the partition bound as a condition, with IS NOT NULL on the key>) NOT VALID, VALIDATE CONSTRAINT it in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on), then ATTACH PARTITION: the scan is skipped. Drop the CHECK afterwards.`,
  mayNotMatch: (a: { partition: string; parent: string; checks: string }) =>
    `Attaching ${a.partition} to ${a.parent} skips the scan of ${a.partition} only if its validated CHECK constraints (${a.checks}) imply the partition bound, and the linter could not prove that they do: if they do not, all of ${a.partition} is scanned holding ACCESS EXCLUSIVE on it (reads and writes of it wait).`,
  mayNotMatchHint: () =>
    'Let one CHECK state the bound with the same constants: for FOR VALUES FROM (a) TO (b) on key k, CHECK (k IS NOT NULL AND k >= a AND k < b); for FOR VALUES IN (x, y), CHECK (k IS NOT NULL AND k IN (x, y)). A NOT NULL key column can stand for the IS NOT NULL.',
  mayNotMatchDefault: (a: { partition: string; parent: string; checks: string }) =>
    `Attaching ${a.partition} as the DEFAULT partition of ${a.parent}: its bound is every key the other partitions do not take, and the linter does not prove that its CHECK constraints (${a.checks}) imply that: if they do not, all of ${a.partition} is scanned holding ACCESS EXCLUSIVE on it (reads and writes of it wait).`,
  mayNotMatchDefaultHint: () => 'A CHECK that excludes every other partition\'s bound (NOT (k >= a AND k < b) AND …, with k IS NOT NULL unless the default takes NULL) lets Postgres skip the scan; keep it in step with the partitions.',
  defaultScan: (a: { partition: string; parent: string; defaultPartition: string }) =>
    `Attaching ${a.partition} to ${a.parent} also scans ${a.parent}'s DEFAULT partition ${a.defaultPartition} for rows that belong in the new bound, holding ACCESS EXCLUSIVE on ${a.defaultPartition} (reads and writes of it wait).`,
  defaultScanChecked: (a: { partition: string; parent: string; defaultPartition: string; checks: string }) =>
    `Attaching ${a.partition} to ${a.parent} also scans ${a.parent}'s DEFAULT partition ${a.defaultPartition} for rows that belong in the new bound, holding ACCESS EXCLUSIVE on it, unless its CHECK constraints (${a.checks}) exclude the new bound, which the linter does not prove.`,
  defaultScanHint: (a: { defaultPartition: string }) =>
    `A validated CHECK on ${a.defaultPartition} that excludes the new bound (CHECK (NOT (k >= a AND k < b)) for FROM (a) TO (b)) lets Postgres skip that scan; otherwise attach at a quiet time with a lock_timeout.`,
};

const STRATEGY: Record<string, BoundProofInput['strategy']> = { PARTITION_STRATEGY_RANGE: 'range', PARTITION_STRATEGY_LIST: 'list', PARTITION_STRATEGY_HASH: 'hash' };

const validatedChecks = (table: Table | undefined) => [...(table?.constraints.values() ?? [])].filter((c) => c.kind === 'check' && c.validated && c.expr);

/** The DEFAULT partition the migrations created for `parent` (PARTITION OF … DEFAULT). */
function defaultPartitionOf(schema: SchemaModel, parent: string): Table | undefined {
  for (const t of schema.tables.values()) {
    if (t.partitionOf !== parent) continue;
    const bound = nodeAs(t.def, 'CreateStmt')?.partbound as { is_default?: boolean } | undefined;
    if (bound?.is_default) return t;
  }
  return undefined;
}

export const attachingPartition: Rule = {
  id: 'attaching-partition',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ATTACH PARTITION of an existing table without a validated CHECK matching the bound scans it under ACCESS EXCLUSIVE',
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_AttachPartition') continue;
      const part = nodeAs(cmd.def, 'PartitionCmd');
      const ref = refOf(part?.name);
      if (!ref) continue;
      const partition = showRelation(ref);
      const parent = showRelation(alter.ref);
      const bound = (part?.bound ?? {}) as BoundProofInput['bound'];
      // Measured on PGlite 18.6 and PostgreSQL 18 (test/rules/attaching-partition-server.test.ts): with a
      // DEFAULT partition, ATTACH also seq-scans it under ACCESS EXCLUSIVE, whatever the new partition is.
      const defaultPartition = bound.is_default ? undefined : defaultPartitionOf(ctx.schema, alter.key);
      if (defaultPartition && !ctx.isNewTable(defaultPartition.key)) {
        const args = { partition, parent, defaultPartition: showRelation({ schema: defaultPartition.schema, name: defaultPartition.name }) };
        const own = validatedChecks(defaultPartition);
        if (own.length) ctx.report({ severity: 'warning', message: messages.defaultScanChecked({ ...args, checks: own.map((c) => quoteIdent(c.name)).join(', ') }), hint: messages.defaultScanHint(args) });
        else ctx.report({ message: messages.defaultScan(args), hint: messages.defaultScanHint(args) });
      }
      if (ctx.isNewTable(relationKey(ref))) continue;
      // Postgres uses validated CHECKs only (reference/postgres-locks.md, attach_partition_with_check);
      // a NOT VALID (or NOT ENFORCED) one is not validated in the model.
      const table = ctx.schema.table(ref);
      const checks = validatedChecks(table);
      if (!checks.length) {
        ctx.report({ message: messages.scan({ partition, parent }), hint: messages.hint({ partition }) });
        continue;
      }
      const names = checks.map((c) => quoteIdent(c.name)).join(', ');
      if (bound.is_default) {
        ctx.report({ severity: 'warning', message: messages.mayNotMatchDefault({ partition, parent, checks: names }), hint: messages.mayNotMatchDefaultHint() });
        continue;
      }
      const spec = nodeAs(ctx.schema.table(alter.ref)?.def, 'CreateStmt')?.partspec as { strategy?: string; partParams?: Node[] } | undefined;
      const proven =
        !!spec?.strategy &&
        checkImpliesBound({
          strategy: STRATEGY[spec.strategy] ?? 'hash',
          keys: (spec.partParams ?? []).map((p) => nodeAs(p, 'PartitionElem')?.name),
          bound,
          checks: checks.map((c) => c.expr!),
          notNull: new Set([...(table?.columns.values() ?? [])].filter((c) => c.notNull).map((c) => c.name)),
        });
      if (!proven) ctx.report({ severity: 'warning', message: messages.mayNotMatch({ partition, parent, checks: names }), hint: messages.mayNotMatchHint() });
    }
  },
};
