import { nodeAs } from '../sql/ast.js';
import { refOf } from '../schema/model.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { showRelation } from '../sql/qualified-name.js';
import { outsideTransaction } from './support/recipes.js';

export const messages = {
  detach: (a: { partition: string; parent: string }) =>
    `Detaching ${a.partition} from ${a.parent} without CONCURRENTLY takes ACCESS EXCLUSIVE on both: every query on ${a.parent}, reads included, waits until the migration's transaction ends.`,
  /** `outside` says how to run the CONCURRENTLY form outside the runner's transaction (support/outside-transaction.ts). */
  detachHint: (a: { outside: string; parent: string }) =>
    `${a.outside} It holds only SHARE UPDATE EXCLUSIVE on ${a.parent}, and is not allowed when ${a.parent} has a default partition.`,
};

export const detachingPartitionNonConcurrently: Rule = {
  id: 'detaching-partition-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'DETACH PARTITION without CONCURRENTLY (PG ≥ 14) blocks every query on the partitioned table',
  messages,
  check(ctx) {
    // Before 14 there is no CONCURRENTLY form to recommend.
    if (ctx.options.postgresVersion < 14) return;
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_DetachPartition') continue;
      const part = nodeAs(cmd.def, 'PartitionCmd');
      if (!part || part.concurrent) continue;
      const partRef = refOf(part.name);
      const partition = partRef ? showRelation(partRef) : 'the partition';
      const parent = showRelation(alter.ref);
      ctx.report({
        at: part.name?.location,
        message: messages.detach({ partition, parent }),
        hint: messages.detachHint({ outside: outsideTransaction(`ALTER TABLE ${parent} DETACH PARTITION ${partition} CONCURRENTLY`, ctx.options.runner), parent }),
      });
    }
  },
};
