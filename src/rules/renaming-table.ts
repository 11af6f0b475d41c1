import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { laterInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  renamed: (a: { table: string; to: string }) => `Renaming table ${a.table} to ${a.to} breaks every running app version that still queries the old name.`,
  hint: () => 'Create the new table (or a view under the new name), move the app over, and drop the old name in a later release.',
};

export const renamingTable: Rule = {
  id: 'renaming-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'RENAME TO on a table breaks app versions that still query the old name',
  squawk: ['renaming-table'],
  messages,
  create() {
    // Table keys this batch gave by a rename: no running app version queries them either.
    const namedInBatch = new Set<string>();
    return {
      check(ctx) {
        const r = nodeAs(ctx.statement.node, 'RenameStmt');
        if (!r || r.renameType !== 'OBJECT_TABLE') return;
        const ref = refOf(r.relation);
        if (!ref) return;
        const key = relationKey(ref);
        // RENAME TO keeps the schema: the new name lives where the table is.
        if (r.newname) namedInBatch.add(relationKey({ schema: ctx.schema.table(ref)?.schema ?? ref.schema, name: r.newname }));
        if (ctx.isNewTable(key) || namedInBatch.has(key) || swappedInTransaction(ctx, ref)) return;
        ctx.report({ message: messages.renamed({ table: showRelation(ref), to: quoteIdent(r.newname ?? '?') }), hint: messages.hint() });
      },
    };
  },
};

/**
 * A table (or view) under the old name is created later in the same transaction: the app never
 * sees the name missing (the swap used to repartition or rebuild a table).
 */
function swappedInTransaction(ctx: StatementContext, ref: RelationRef): boolean {
  if (!ctx.transaction.active) return false;
  const key = relationKey(ref);
  return laterInFile(ctx).some((s) => {
    const created = refOf(nodeAs(s.node, 'CreateStmt')?.relation) ?? refOf(nodeAs(s.node, 'ViewStmt')?.view);
    return !!created && relationKey(created) === key;
  });
}
