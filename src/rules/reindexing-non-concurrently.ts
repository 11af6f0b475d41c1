import { nodeAs, type Node } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { optionEnabled } from '../sql/option-flags.js';
import { outsideTransaction, withConcurrently } from './support/recipes.js';

export const messages = {
  reindexIndex: (a: { index: string }) =>
    `REINDEX index ${a.index} without CONCURRENTLY takes SHARE on its table and ACCESS EXCLUSIVE on the index: writes wait, and so do reads, because the planner locks every index of a table it plans for until the rebuild ends.`,
  reindexTable: (a: { table: string }) =>
    `REINDEX table ${a.table} without CONCURRENTLY takes SHARE on the table and ACCESS EXCLUSIVE on every one of its indexes: reads and writes wait until the rebuild ends.`,
  /** `target`: what REINDEX names (`schema "app"`, `database`, `system` …). */
  reindexMany: (a: { target: string }) =>
    `REINDEX ${a.target} without CONCURRENTLY takes SHARE on each table and ACCESS EXCLUSIVE on its indexes, one table after another: reads and writes on each wait until the rebuild ends.`,
  /** `outside` says how to run the CONCURRENTLY form outside the runner's transaction (support/outside-transaction.ts). */
  reindexHint: (a: { outside: string }) => a.outside,
  reindexBefore12Hint: (a: { postgresVersion: number }) =>
    `REINDEX CONCURRENTLY needs PostgreSQL 12; on ${a.postgresVersion}, build a replacement with CREATE INDEX CONCURRENTLY, then DROP INDEX CONCURRENTLY the old one and rename, outside the migration transaction.`,
  reindexSystemHint: () =>
    'System catalogs cannot be reindexed concurrently: leave REINDEX SYSTEM out of migrations and run it in a maintenance window.',
};

export const reindexingNonConcurrently: Rule = {
  id: 'reindexing-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'REINDEX without CONCURRENTLY blocks writes, and reads that use the table, for the whole rebuild',
  messages,
  check(ctx) {
    const re = nodeAs(ctx.statement.node, 'ReindexStmt');
    if (!re) return;
    if (optionEnabled(re.params as Node[] | undefined, 'concurrently')) return;
    const ref = refOf(re.relation);
    let message: string;
    switch (re.kind) {
      case 'REINDEX_OBJECT_INDEX': {
        const index = ctx.schema.index(ref);
        if (index && (ctx.isNewOrigin(index.origin) || ctx.isNewTable(index.table))) return;
        message = messages.reindexIndex({ index: ref ? showRelation(ref) : '?' });
        break;
      }
      case 'REINDEX_OBJECT_TABLE':
        if (ref && ctx.isNewTable(relationKey(ref))) return;
        message = messages.reindexTable({ table: ref ? showRelation(ref) : '?' });
        break;
      default:
        message = messages.reindexMany({ target: `${(re.kind ?? '').replace('REINDEX_OBJECT_', '').toLowerCase()} ${re.name ? quoteIdent(re.name) : ''}`.trim() });
    }
    const pg = ctx.options.postgresVersion;
    let hint: string;
    if (re.kind === 'REINDEX_OBJECT_SYSTEM') hint = messages.reindexSystemHint();
    else if (pg < 12) hint = messages.reindexBefore12Hint({ postgresVersion: pg });
    else hint = messages.reindexHint({ outside: outsideTransaction(withConcurrently(ctx.statement.text, /^REINDEX(\s*\([^)]*\))?\s+(INDEX|TABLE|SCHEMA|DATABASE)/i), ctx.options.runner) });
    ctx.report({ message, hint });
  },
};
