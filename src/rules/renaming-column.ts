import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const renamingColumn: Rule = {
  id: 'renaming-column',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'RENAME COLUMN breaks app versions still running with the old name during the deploy',
  squawk: ['renaming-column'],
  check(ctx) {
    const r = nodeAs(ctx.statement.node, 'RenameStmt');
    if (!r || r.renameType !== 'OBJECT_COLUMN' || r.relationType !== 'OBJECT_TABLE') return;
    const ref = refOf(r.relation);
    if (!ref || ctx.isNewTable(relationKey(ref))) return;
    ctx.report({
      message: `Renaming column ${quoteIdent(r.subname ?? '?')} of ${showRelation(ref)} to ${quoteIdent(r.newname ?? '?')} breaks every running app version that still uses the old name.`,
      hint: 'Add the new column, write to both, backfill, move reads to the new column, and drop the old one in a later release.',
    });
  },
};
