import type { Rule } from './types.js';
import { duplicateConstraintSwallowed } from './support/already-exists.js';
import { addedConstraints, alterTable } from './support/alter-table.js';
import { quoteIdent, showRelation } from './support/names.js';
import { LATER_TRANSACTION } from './support/recipes.js';

export const addingCheckConstraint: Rule = {
  id: 'adding-check-constraint',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD CHECK without NOT VALID scans the whole table under ACCESS EXCLUSIVE',
  squawk: ['constraint-missing-not-valid'],
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const { con, column } of addedConstraints(alter, 'CONSTR_CHECK')) {
      if (con.skip_validation || duplicateConstraintSwallowed(ctx.statement, ctx.schema.table(alter.ref), con)) continue;
      const what = column
        ? `Adding column ${quoteIdent(column.colname ?? '?')} with a CHECK to ${table}`
        : `Adding CHECK constraint ${con.conname ? `${quoteIdent(con.conname)} ` : ''}to ${table} without NOT VALID`;
      ctx.report({
        at: con.location,
        message: `${what} scans the whole table to check every existing row while holding ACCESS EXCLUSIVE: reads and writes wait until the scan finishes.`,
        hint: `${column ? 'Add the column without the CHECK, then a' : 'A'}dd the constraint as ALTER TABLE ${table} ADD CONSTRAINT … CHECK (…) NOT VALID (no scan), and VALIDATE CONSTRAINT ${LATER_TRANSACTION}: it takes SHARE UPDATE EXCLUSIVE, so reads and writes continue.`,
      });
    }
  },
};
