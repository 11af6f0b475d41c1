import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from './support/names.js';

export const renamingTable: Rule = {
  id: 'renaming-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'RENAME TO on a table breaks app versions that still query the old name',
  squawk: ['renaming-table'],
  check(ctx) {
    const r = nodeAs(ctx.statement.node, 'RenameStmt');
    if (!r || r.renameType !== 'OBJECT_TABLE') return;
    const ref = refOf(r.relation);
    if (!ref || ctx.isNewTable(relationKey(ref))) return;
    ctx.report({
      message: `Renaming table ${showRelation(ref)} to ${quoteIdent(r.newname ?? '?')} breaks every running app version that still queries the old name.`,
      hint: 'Create the new table (or a view under the new name), move the app over, and drop the old name in a later release.',
    });
  },
};
