import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { showRelation } from '../sql/qualified-name.js';

export const messages = {
  refresh: (a: { view: string }) =>
    `REFRESH MATERIALIZED VIEW ${a.view} without CONCURRENTLY takes ACCESS EXCLUSIVE on the view: every query that reads it waits until the view's query has run again and the migration's transaction ends.`,
  refreshHint: (a: { view: string }) =>
    `Use REFRESH MATERIALIZED VIEW CONCURRENTLY ${a.view}: it takes EXCLUSIVE, so readers keep going, and it works inside drizzle's transaction. It needs a unique index on the view (plain columns, no WHERE) and a view that is already populated. Better still, refresh from a scheduled job rather than a migration.`,
};

export const refreshingMaterializedViewNonConcurrently: Rule = {
  id: 'refreshing-materialized-view-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view while it runs',
  messages,
  check(ctx) {
    const refresh = nodeAs(ctx.statement.node, 'RefreshMatViewStmt');
    // WITH NO DATA runs no query: the lock is short, and CONCURRENTLY does not allow it anyway.
    if (!refresh || refresh.concurrent || refresh.skipData) return;
    const ref = refOf(refresh.relation);
    if (!ref || ctx.isNewTable(relationKey(ref))) return;
    const view = showRelation(ref);
    ctx.report({
      message: messages.refresh({ view }),
      hint: messages.refreshHint({ view }),
    });
  },
};
