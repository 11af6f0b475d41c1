import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { outsideTransaction, withConcurrently } from './support/recipes.js';
import { indexAlreadyExists } from '../pg/already-exists.js';

export const creatingIndexNonConcurrently: Rule = {
  id: 'creating-index-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole build',
  squawk: ['require-concurrent-index-creation'],
  check(ctx) {
    const idx = nodeAs(ctx.statement.node, 'IndexStmt');
    if (!idx || idx.concurrent) return;
    const ref = refOf(idx.relation);
    if (!ref || ctx.isNewTable(relationKey(ref)) || indexAlreadyExists(ctx.schema, idx)) return;
    const name = idx.idxname ? `${quoteIdent(idx.idxname)} ` : '';
    const what = `${idx.unique ? 'unique ' : ''}index ${name}`;
    const table = showRelation(ref);
    if (ctx.schema.table(ref)?.kind === 'partitioned') {
      // ON ONLY creates an invalid parent index without touching the partitions: step one of the recipe.
      if (!idx.relation?.inh) return;
      ctx.report({
        message: `Creating ${what}on partitioned table ${table} takes SHARE on ${table} and on every partition and builds each partition's index: writes to all of them wait until the builds finish. CONCURRENTLY is not allowed on a partitioned table (0A000).`,
        hint: `Create it with CREATE INDEX … ON ONLY ${table} (no build), then for each partition CREATE INDEX CONCURRENTLY on the partition outside the migration transaction and ALTER INDEX <parent index> ATTACH PARTITION <partition index>; the parent index becomes valid once every partition's is attached.`,
      });
      return;
    }
    ctx.report({
      message: `Creating ${what}on ${table} without CONCURRENTLY takes a SHARE lock and scans the table: every INSERT, UPDATE and DELETE on it waits until the index is built.`,
      hint: outsideTransaction(withConcurrently(ctx.statement.text, /^CREATE\s+(UNIQUE\s+)?INDEX/i), ctx.options.runner),
    });
  },
};
