import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { outsideTransaction, withConcurrently } from './support/recipes.js';
import { indexAlreadyExists } from '../pg/already-exists.js';
import { withFixRecipe } from './support/fix-recipe.js';

const indexWord = (a: { unique: boolean; name?: string }) => `${a.unique ? 'unique ' : ''}index ${a.name ? `${a.name} ` : ''}`;

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'CREATE INDEX CONCURRENTLY outside the batch transaction; a leftover INVALID build is dropped first',
  /** `unique`: a UNIQUE index; `name`: the index's name, quoted, when it has one. */
  createIndex: (a: { unique: boolean; name?: string; table: string }) =>
    `Creating ${indexWord(a)}on ${a.table} without CONCURRENTLY takes a SHARE lock and scans the table: every INSERT, UPDATE and DELETE on it waits until the index is built.`,
  /** `outside` says how to run the CONCURRENTLY form outside the runner's transaction (support/outside-transaction.ts). */
  createIndexHint: (a: { outside: string }): string =>
    withFixRecipe(a.outside, messages.fixRecipe()),
  createIndexPartitioned: (a: { unique: boolean; name?: string; table: string }) =>
    `Creating ${indexWord(a)}on partitioned table ${a.table} takes SHARE on ${a.table} and on every partition and builds each partition's index: writes to all of them wait until the builds finish. CONCURRENTLY is not allowed on a partitioned table (0A000).`,
  createIndexPartitionedHint: (a: { table: string }) =>
    `Create it with CREATE INDEX … ON ONLY ${a.table} (no build), then for each partition CREATE INDEX CONCURRENTLY on the partition outside the migration transaction and ALTER INDEX <parent index> ATTACH PARTITION <partition index>; the parent index becomes valid once every partition's is attached.`,
};

export const creatingIndexNonConcurrently: Rule = {
  id: 'creating-index-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole build',
  squawk: ['require-concurrent-index-creation'],
  messages,
  check(ctx) {
    const idx = nodeAs(ctx.statement.node, 'IndexStmt');
    if (!idx || idx.concurrent) return;
    const ref = refOf(idx.relation);
    if (!ref || ctx.isNewTable(relationKey(ref)) || indexAlreadyExists(ctx.schema, idx)) return;
    const table = showRelation(ref);
    const args = { unique: !!idx.unique, name: idx.idxname ? quoteIdent(idx.idxname) : undefined, table };
    if (ctx.schema.table(ref)?.kind === 'partitioned') {
      // ON ONLY creates an invalid parent index without touching the partitions: step one of the recipe.
      if (!idx.relation?.inh) return;
      ctx.report({
        message: messages.createIndexPartitioned(args),
        hint: messages.createIndexPartitionedHint({ table }),
      });
      return;
    }
    ctx.report({
      message: messages.createIndex(args),
      hint: messages.createIndexHint({ outside: outsideTransaction(withConcurrently(ctx.statement.text, /^CREATE\s+(UNIQUE\s+)?INDEX/i), ctx.options.runner) }),
    });
  },
};
