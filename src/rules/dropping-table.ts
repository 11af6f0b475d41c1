import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { rowsCopiedInto } from '../sql/data-copies.js';
import { droppedTables } from '../sql/dropped-objects.js';
import { earlierInFile } from './support/file-statements.js';
import { showRelation } from '../sql/qualified-name.js';

export const messages = {
  dropped: (a: { table: string }) =>
    `Dropping table ${a.table} deletes all of its rows for good, and running app versions that still query it start failing.`,
  droppedCascade: (a: { table: string }): string =>
    `${messages.dropped(a)} CASCADE also drops the views that use it and the foreign keys of other tables that point at it (their rows stay, unchecked).`,
  hint: () =>
    'Deploy the app without any use of the table first (remove it from the Drizzle schema and every query), keep a backup or rename it aside for a release, then drop it in a later migration.',
};

export const droppingTable: Rule = {
  id: 'dropping-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP TABLE deletes the data and breaks app versions that still query the table',
  squawk: ['ban-drop-table'],
  messages,
  check(ctx) {
    const cascade = nodeAs(ctx.statement.node, 'DropStmt')?.behavior === 'DROP_CASCADE';
    for (const ref of droppedTables(ctx.statement.node)) {
      if (ctx.isNewTable(relationKey(ref)) || rebuiltInTransaction(ctx, ref)) continue;
      const args = { table: showRelation(ref) };
      ctx.report({ message: cascade ? messages.droppedCascade(args) : messages.dropped(args), hint: messages.hint() });
    }
  },
};

/**
 * The table rebuild recipe (repartitioning, changing a key): rename the table aside, create the new
 * one under the old name, copy the rows over, drop the old one. Within one transaction nothing is
 * lost and the app never sees the aside name, so the final DROP is not a data loss.
 */
function rebuiltInTransaction(ctx: StatementContext, dropped: RelationRef): boolean {
  if (!ctx.transaction.active) return false;
  const droppedKey = relationKey(dropped);
  const earlier = earlierInFile(ctx);
  return earlier.some((s) => {
    const r = nodeAs(s.node, 'RenameStmt');
    const from = r?.renameType === 'OBJECT_TABLE' ? refOf(r.relation) : undefined;
    if (!from || !r?.newname || relationKey({ schema: from.schema, name: r.newname }) !== droppedKey) return false;
    const originalKey = relationKey(from);
    const recreated = earlier.some((c) => {
      const created = refOf(nodeAs(c.node, 'CreateStmt')?.relation);
      return !!created && relationKey(created) === originalKey;
    });
    return recreated && rowsCopiedInto(earlier, originalKey, dropped);
  });
}
