import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { quoteIdent, showRelation } from './support/names.js';

export const creatingIndexNonConcurrently: Rule = {
  id: 'creating-index-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole build',
  squawk: ['require-concurrent-index-creation'],
  check(ctx) {
    const idx = nodeAs(ctx.statement.node, 'IndexStmt');
    if (!idx || idx.concurrent) return;
    const ref = refOf(idx.relation);
    if (!ref || ctx.isNewTable(relationKey(ref))) return;
    const name = idx.idxname ? `${quoteIdent(idx.idxname)} ` : '';
    ctx.report({
      message: `Creating ${idx.unique ? 'unique ' : ''}index ${name}on ${showRelation(ref)} without CONCURRENTLY takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until the index is built.`,
      hint: 'Use CREATE INDEX CONCURRENTLY. drizzle-kit migrate runs the batch in a transaction, where CONCURRENTLY fails: run it as its own step outside the migrator (see the docs for the recipe).',
    });
  },
};
