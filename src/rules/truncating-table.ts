import { nodeAs, type Node } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { showRelation } from '../sql/qualified-name.js';

export const messages = {
  truncate: (a: { table: string }) =>
    `TRUNCATE deletes every row of ${a.table} for good, under ACCESS EXCLUSIVE (the table and its indexes get new, empty storage).`,
  /** `referencing`: the tables whose foreign keys reference it, listed (empty when none). */
  truncateCascade: (a: { table: string; referencing: string }) =>
    `${messages.truncate(a)} CASCADE also empties every table whose foreign keys reference it${a.referencing ? `: ${a.referencing}` : ''}.`,
  truncateFailsReferenced: (a: { table: string; referencing: string; count: number }) =>
    `${messages.truncate(a)} It fails (0A000) because ${a.referencing} reference${a.count === 1 ? 's' : ''} it by foreign key.`,
  truncateHint: () =>
    'Delete data on purpose from a one-off script run against the right database (with a backup), not from a migration that runs in every environment; for a table that is no longer used, see dropping-table.',
};

export const truncatingTable: Rule = {
  id: 'truncating-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'TRUNCATE deletes every row of the table (CASCADE: of every table that references it too)',
  squawk: ['ban-truncate-cascade'],
  messages,
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
      const args = { table: showRelation(ref), referencing: referencing.join(', '), count: referencing.length };
      ctx.report({
        at: rv.location,
        message: cascade ? messages.truncateCascade(args) : referencing.length ? messages.truncateFailsReferenced(args) : messages.truncate(args),
        hint: messages.truncateHint(),
      });
    }
  },
};
