import { nodeAs, names, type Node } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule, StatementContext } from './types.js';
import { autocommitOnly } from '../pg/outside-transaction.js';
import { showRelation } from '../sql/qualified-name.js';
import { inDrizzleBatch } from './support/transaction-scope.js';
import { refOfNames } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'the CONCURRENTLY statement runs outside the batch transaction',
  /** `operation`: what cannot run in a transaction (support/outside-transaction.ts autocommitOnly's label). */
  inDoBlock: (a: { operation: string }) => `${a.operation} cannot run inside a DO block (or any function): the migration fails (25001).`,
  inDoBlockHint: () => 'Move it out of the DO block into a statement of its own.',
  /** `why`: one of the …Why messages; `wholeBatch`: drizzle-kit migrate rolls back the whole batch. */
  inTransaction: (a: { operation: string; why: string; wholeBatch: boolean }) =>
    `${a.operation} cannot run inside a transaction block, and ${a.why}: the migration fails (25001)${a.wholeBatch ? ' and the whole batch is rolled back' : ''}.`,
  implicitWhy: () =>
    'drizzle sends this breakpoint chunk as one query string together with other statements, and Postgres runs a multi-statement query string as one implicit transaction',
  implicitHint: () => 'Put `--> statement-breakpoint` before and after it so that drizzle sends it as a query of its own.',
  explicitWhy: () => 'it runs after a BEGIN that has not been committed',
  explicitHint: () => 'Run it before the BEGIN or after the COMMIT.',
  drizzleWhy: () => 'drizzle-kit migrate runs every statement of the pending migrations in one transaction',
  drizzleHint: (): string =>
    withFixRecipe('Ways out that work with drizzle-kit migrate: drop CONCURRENTLY if the table is new or small; run the statement outside the migrator (a deploy step before or after `drizzle-kit migrate`, with IF NOT EXISTS so reruns are safe); or put it in a migration file of its own as `COMMIT;` --> statement-breakpoint `<statement>;` --> statement-breakpoint `BEGIN;` (see unbalanced-transaction for what that costs).', messages.fixRecipe()),
  perFileWhy: () => 'the runner (runner: per-file) runs each migration file in a transaction',
  perFileHint: () =>
    'Put it in a migration the runner does not wrap in a transaction (most runners have a per-file switch for this), or run it outside the migrator.',
  createIndexOnPartitioned: (a: { table: string }) =>
    `CREATE INDEX CONCURRENTLY on partitioned table ${a.table} fails even outside a transaction (0A000, measured on PostgreSQL 15–18).`,
  dropIndexOfPartitioned: (a: { index: string }) =>
    `DROP INDEX CONCURRENTLY of ${a.index}, an index of a partitioned table, fails even outside a transaction (0A000, measured on PostgreSQL 15–18).`,
  partitionedHint: () =>
    'Create the index ON ONLY the parent (instant, not valid yet), build each partition’s index with CREATE INDEX CONCURRENTLY, then ALTER INDEX <parent index> ATTACH PARTITION <partition index> for each; the parent index becomes valid when all are attached.',
};

function whyInTransaction(ctx: StatementContext): { why: string; hint: string } {
  const tx = ctx.transaction;
  if (tx.source === 'implicit') return { why: messages.implicitWhy(), hint: messages.implicitHint() };
  if (tx.source === 'explicit') return { why: messages.explicitWhy(), hint: messages.explicitHint() };
  if (ctx.options.runner === 'drizzle') return { why: messages.drizzleWhy(), hint: messages.drizzleHint() };
  return { why: messages.perFileWhy(), hint: messages.perFileHint() };
}

/** CONCURRENTLY on a partitioned table or its index: Postgres 15–18 refuse it (0A000). Returns the message. */
function partitionedTarget(ctx: StatementContext): string | undefined {
  const idx = nodeAs(ctx.statement.node, 'IndexStmt');
  if (idx?.concurrent) {
    const ref = refOf(idx.relation);
    if (ref && ctx.schema.tables.get(relationKey(ref))?.kind === 'partitioned') return messages.createIndexOnPartitioned({ table: showRelation(ref) });
  }
  const drop = nodeAs(ctx.statement.node, 'DropStmt');
  if (drop?.concurrent && drop.removeType === 'OBJECT_INDEX') {
    for (const obj of (drop.objects as Node[]) ?? []) {
      const parts = names(nodeAs(obj, 'List')?.items as Node[] | undefined);
      const ref = refOfNames(parts);
      const index = ref && ctx.schema.indexes.get(relationKey(ref));
      if (ref && index && ctx.schema.tables.get(index.table)?.kind === 'partitioned') return messages.dropIndexOfPartitioned({ index: showRelation(ref) });
    }
  }
  return undefined;
}

export const concurrentlyInTransaction: Rule = {
  id: 'concurrently-in-transaction',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'CONCURRENTLY statements and VACUUM fail inside a transaction, and drizzle runs the whole batch in one',
  squawk: ['ban-concurrent-index-creation-in-transaction'],
  messages,
  check(ctx) {
    const op = autocommitOnly(ctx.statement);
    if (op && ctx.statement.doBlock) {
      ctx.report({
        message: messages.inDoBlock({ operation: op.label }),
        hint: messages.inDoBlockHint(),
      });
    } else if (op && ctx.transaction.active) {
      const { why, hint } = whyInTransaction(ctx);
      ctx.report({
        message: messages.inTransaction({ operation: op.label, why, wholeBatch: inDrizzleBatch(ctx) }),
        hint,
      });
    }
    const partitioned = partitionedTarget(ctx);
    if (partitioned) ctx.report({ message: partitioned, hint: messages.partitionedHint() });
  },
};
