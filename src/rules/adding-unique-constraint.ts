import type { Rule } from './types.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable, constraintColumns } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const addingUniqueConstraint: Rule = {
  id: 'adding-unique-constraint',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD UNIQUE without USING INDEX builds the index under ACCESS EXCLUSIVE',
  squawk: ['disallowed-unique-constraint'],
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const added of addedConstraints(alter, 'CONSTR_UNIQUE')) {
      const { con, column } = added;
      if (con.indexname || duplicateConstraintSwallowed(ctx.statement, ctx.schema.table(alter.ref), con)) continue;
      const columns = constraintColumns(added);
      const name = con.conname ?? `${alter.ref.name}_${columns.join('_')}_key`;
      const what = column
        ? `Adding column ${quoteIdent(column.colname ?? '?')} with UNIQUE to ${table}`
        : `Adding UNIQUE constraint ${con.conname ? `${quoteIdent(con.conname)} ` : ''}to ${table}`;
      ctx.report({
        at: con.location,
        message: `${what} builds its unique index while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
        hint: `${column ? 'Add the column without UNIQUE. ' : ''}Build the index first with CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(name)} ON ${table} (${columns.map(quoteIdent).join(', ')}) outside the migration transaction, then ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE USING INDEX ${quoteIdent(name)} (no scan).`,
      });
    }
  },
};
