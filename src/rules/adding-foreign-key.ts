import { refOf } from '../schema/model.js';
import type { Rule } from './types.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable, columnConstraints, constraintColumns } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { LATER_TRANSACTION } from './support/recipes.js';

export const addingForeignKey: Rule = {
  id: 'adding-foreign-key',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD FOREIGN KEY without NOT VALID blocks writes to both tables while it scans the existing rows',
  squawk: ['adding-foreign-key-constraint', 'constraint-missing-not-valid'],
  check(ctx) {
    const alter = alterTable(ctx.statement);
    // A new table is empty: nothing to validate, and NOT VALID would not spare the parent's lock.
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const added of addedConstraints(alter, 'CONSTR_FOREIGN')) {
      const { con, column } = added;
      if (duplicateConstraintSwallowed(ctx.statement, ctx.schema.table(alter.ref), con)) continue;
      const parentRef = refOf(con.pktable);
      const parent = parentRef ? showRelation(parentRef) : 'the referenced table';
      const columns = constraintColumns(added).map(quoteIdent).join(', ');
      if (column) {
        const filled = columnConstraints(column).some((c) => c.contype === 'CONSTR_DEFAULT');
        ctx.report({
          at: con.location,
          message: `Adding column ${quoteIdent(column.colname ?? '?')} with REFERENCES ${parent} to ${table} takes SHARE ROW EXCLUSIVE on ${parent} while holding ACCESS EXCLUSIVE on ${table}: writes to ${parent} wait, and if ${parent} has a long-running writer every query on ${table} queues behind it${filled ? '; with the DEFAULT, Postgres also scans the table to validate every existing row' : ''}.`,
          hint: `Add the column without REFERENCES; then, each ${LATER_TRANSACTION}, ALTER TABLE ${table} ADD CONSTRAINT … FOREIGN KEY (${columns}) REFERENCES ${parent} … NOT VALID, and VALIDATE CONSTRAINT.`,
        });
        continue;
      }
      if (con.skip_validation) continue;
      const name = con.conname ? `${quoteIdent(con.conname)} ` : '';
      ctx.report({
        at: con.location,
        message: `Adding foreign key ${name}on ${table} (${columns}) → ${parent} without NOT VALID takes SHARE ROW EXCLUSIVE on both tables and scans ${table} to validate every existing row: writes to both tables wait until the scan finishes.`,
        hint: `Add it with NOT VALID (no scan; the SHARE ROW EXCLUSIVE locks are still taken, briefly), then ALTER TABLE ${table} VALIDATE CONSTRAINT ${con.conname ? quoteIdent(con.conname) : '…'} ${LATER_TRANSACTION}: it takes SHARE UPDATE EXCLUSIVE, so reads and writes continue. Edit the SQL drizzle-kit generated.`,
      });
    }
  },
};
