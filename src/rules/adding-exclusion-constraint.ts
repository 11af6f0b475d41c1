import type { Rule } from './types.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  addExclusion: (a: { name?: string; table: string }) =>
    `Adding exclusion constraint ${a.name ? `${a.name} ` : ''}to ${a.table} builds its index and checks every existing row while holding ACCESS EXCLUSIVE: reads and writes wait for the whole build. Exclusion constraints have no NOT VALID or USING INDEX form, so there is no lock-free way to add one.`,
  addExclusionHint: () =>
    'Run it when the table is small or traffic is low, with a short lock_timeout so it gives up rather than queue; or add the constraint to a new table and move the rows over.',
};

export const addingExclusionConstraint: Rule = {
  id: 'adding-exclusion-constraint',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD EXCLUDE builds its index and checks every row under ACCESS EXCLUSIVE, with no safe alternative',
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const { con } of addedConstraints(alter, 'CONSTR_EXCLUSION')) {
      if (duplicateConstraintSwallowed(ctx.statement, ctx.schema.table(alter.ref), con)) continue;
      ctx.report({
        at: con.location,
        message: messages.addExclusion({ name: con.conname ? quoteIdent(con.conname) : undefined, table }),
        hint: messages.addExclusionHint(),
      });
    }
  },
};
