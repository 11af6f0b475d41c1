import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { showRelation } from '../sql/qualified-name.js';

export const messages = {
  scan: (a: { partition: string; parent: string }) =>
    `Attaching ${a.partition} to ${a.parent} scans all of ${a.partition} to prove its rows fit the partition bound, holding ACCESS EXCLUSIVE on it (reads and writes of it wait) and SHARE UPDATE EXCLUSIVE on ${a.parent}: no migration here gives ${a.partition} a validated CHECK that would let Postgres skip the scan.`,
  hint: (a: { partition: string }) =>
    `First ALTER TABLE ${a.partition} ADD CONSTRAINT … CHECK (<the partition bound as a condition, with IS NOT NULL on the key>) NOT VALID, VALIDATE CONSTRAINT it in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on), then ATTACH PARTITION: the scan is skipped. Drop the CHECK afterwards.`,
};

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
      if (!ref || ctx.isNewTable(relationKey(ref))) continue;
      // Measured (reference/postgres-locks.md, attach_partition_with_check): a validated CHECK implying the
      // bound skips the scan. Whether a CHECK implies the bound is Postgres's proof; any validated CHECK
      // on the partition is taken as the recipe having been followed.
      const table = ctx.schema.table(ref);
      if ([...(table?.constraints.values() ?? [])].some((c) => c.kind === 'check' && c.validated)) continue;
      const partition = showRelation(ref);
      ctx.report({ message: messages.scan({ partition, parent: showRelation(alter.ref) }), hint: messages.hint({ partition }) });
    }
  },
};
