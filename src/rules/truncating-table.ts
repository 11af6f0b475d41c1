import { nodeAs, type Node } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { showRelation } from '../sql/qualified-name.js';

export const truncatingTable: Rule = {
  id: 'truncating-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'TRUNCATE deletes every row of the table (CASCADE: of every table that references it too)',
  squawk: ['ban-truncate-cascade'],
  check(ctx) {
    const truncate = nodeAs(ctx.statement.node, 'TruncateStmt');
    if (!truncate) return;
    const targets = ((truncate.relations as Node[]) ?? []).map((n) => nodeAs(n, 'RangeVar')).filter((rv) => !!rv);
    const truncated = new Set(targets.map((rv) => refOf(rv)).filter((r) => !!r).map(relationKey));
    const cascade = truncate.behavior === 'DROP_CASCADE';
    for (const rv of targets) {
      const ref = refOf(rv);
      if (!ref || ctx.isNewTable(relationKey(ref))) continue;
      const key = relationKey(ref);
      const referencing = [...ctx.schema.tables.values()]
        .filter((t) => !truncated.has(t.key) && [...t.constraints.values()].some((c) => c.kind === 'foreign' && c.references === key))
        .map((t) => showRelation(t));
      const listed = referencing.length ? `: ${referencing.join(', ')}` : '';
      const extra = cascade
        ? ` CASCADE also empties every table whose foreign keys reference it${listed}.`
        : referencing.length
          ? ` It fails (0A000) because ${referencing.join(', ')} reference${referencing.length === 1 ? 's' : ''} it by foreign key.`
          : '';
      ctx.report({
        at: rv.location,
        message: `TRUNCATE deletes every row of ${showRelation(ref)} for good, under ACCESS EXCLUSIVE (the table and its indexes get new, empty storage).${extra}`,
        hint: 'Delete data on purpose from a one-off script run against the right database (with a backup), not from a migration that runs in every environment; for a table that is no longer used, see dropping-table.',
      });
    }
  },
};
