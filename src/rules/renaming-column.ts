import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'expand/contract: new column, dual write, backfill, switch reads, drop',
  renamed: (a: { column: string; table: string; to: string }) =>
    `Renaming column ${a.column} of ${a.table} to ${a.to} breaks every running app version that still uses the old name.`,
  hint: (): string =>
    withFixRecipe('Add the new column, write to both, backfill, move reads to the new column, and drop the old one in a later release.', messages.fixRecipe()),
};

export const renamingColumn: Rule = {
  id: 'renaming-column',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'RENAME COLUMN breaks app versions still running with the old name during the deploy',
  squawk: ['renaming-column'],
  messages,
  create() {
    // `table\0column` names this batch gave by a rename: no running app version uses them either.
    const namedInBatch = new Set<string>();
    return {
      check(ctx) {
        const r = nodeAs(ctx.statement.node, 'RenameStmt');
        if (!r || r.renameType !== 'OBJECT_COLUMN' || r.relationType !== 'OBJECT_TABLE') return;
        const ref = refOf(r.relation);
        if (!ref || ctx.isNewTable(relationKey(ref))) return;
        const key = relationKey(ref);
        if (r.newname) namedInBatch.add(`${key}\0${r.newname}`);
        // A column this batch added (or named) is unknown to every running app version: renaming it breaks none.
        if (r.subname && (ctx.isNewOrigin(ctx.schema.column(ref, r.subname)?.origin) || namedInBatch.has(`${key}\0${r.subname}`))) return;
        ctx.report({ message: messages.renamed({ column: quoteIdent(r.subname ?? '?'), table: showRelation(ref), to: quoteIdent(r.newname ?? '?') }), hint: messages.hint() });
      },
    };
  },
};
