import { nodeAs, type Node } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { optionEnabled } from '../sql/option-flags.js';
import { outsideTransaction, withConcurrently } from './support/recipes.js';

export const reindexingNonConcurrently: Rule = {
  id: 'reindexing-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'REINDEX without CONCURRENTLY blocks writes, and reads that use the table, for the whole rebuild',
  check(ctx) {
    const re = nodeAs(ctx.statement.node, 'ReindexStmt');
    if (!re) return;
    if (optionEnabled(re.params as Node[] | undefined, 'concurrently')) return;
    const ref = refOf(re.relation);
    let target: string;
    let locks: string;
    switch (re.kind) {
      case 'REINDEX_OBJECT_INDEX': {
        const index = ctx.schema.index(ref);
        if (index && (ctx.isNewOrigin(index.origin) || ctx.isNewTable(index.table))) return;
        target = `index ${ref ? showRelation(ref) : '?'}`;
        locks = "SHARE on its table and ACCESS EXCLUSIVE on the index: writes wait, and so do reads, because the planner locks every index of a table it plans for";
        break;
      }
      case 'REINDEX_OBJECT_TABLE':
        if (ref && ctx.isNewTable(relationKey(ref))) return;
        target = `table ${ref ? showRelation(ref) : '?'}`;
        locks = 'SHARE on the table and ACCESS EXCLUSIVE on every one of its indexes: reads and writes wait';
        break;
      default:
        target = `${(re.kind ?? '').replace('REINDEX_OBJECT_', '').toLowerCase()} ${re.name ? quoteIdent(re.name) : ''}`.trim();
        locks = 'SHARE on each table and ACCESS EXCLUSIVE on its indexes, one table after another: reads and writes on each wait';
    }
    const pg = ctx.options.postgresVersion;
    const system = re.kind === 'REINDEX_OBJECT_SYSTEM';
    ctx.report({
      message: `REINDEX ${target} without CONCURRENTLY takes ${locks} until the rebuild ends.`,
      hint: system
        ? 'System catalogs cannot be reindexed concurrently: leave REINDEX SYSTEM out of migrations and run it in a maintenance window.'
        : pg >= 12
          ? outsideTransaction(withConcurrently(ctx.statement.text, /^REINDEX(\s*\([^)]*\))?\s+(INDEX|TABLE|SCHEMA|DATABASE)/i), ctx.options.runner)
          : `REINDEX CONCURRENTLY needs PostgreSQL 12; on ${pg}, build a replacement with CREATE INDEX CONCURRENTLY, then DROP INDEX CONCURRENTLY the old one and rename, outside the migration transaction.`,
    });
  },
};
