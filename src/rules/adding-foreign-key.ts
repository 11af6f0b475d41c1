import { refOf } from '../schema/model.js';
import type { Rule } from './types.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable, columnConstraints, constraintColumns } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { LATER_TRANSACTION } from './support/recipes.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'ADD FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a transaction of its own',
  /** `filled`: the column has a DEFAULT, so existing rows get a value that must be validated. */
  addColumnWithReference: (a: { column: string; parent: string; table: string; filled: boolean }) =>
    `Adding column ${a.column} with REFERENCES ${a.parent} to ${a.table} takes SHARE ROW EXCLUSIVE on ${a.parent} while holding ACCESS EXCLUSIVE on ${a.table}: writes to ${a.parent} wait, and if ${a.parent} has a long-running writer every query on ${a.table} queues behind it${a.filled ? '; with the DEFAULT, Postgres also scans the table to validate every existing row' : ''}.`,
  addColumnWithReferenceHint: (a: { table: string; columns: string; parent: string }) =>
    `Add the column without REFERENCES; then, each ${LATER_TRANSACTION}, ALTER TABLE ${a.table} ADD CONSTRAINT … FOREIGN KEY (${a.columns}) REFERENCES ${a.parent} … NOT VALID, and VALIDATE CONSTRAINT.`,
  /** `name`: the constraint's name, quoted, when it has one. */
  addForeignKey: (a: { name?: string; table: string; columns: string; parent: string }) =>
    `Adding foreign key ${a.name ? `${a.name} ` : ''}on ${a.table} (${a.columns}) → ${a.parent} without NOT VALID takes SHARE ROW EXCLUSIVE on both tables and scans ${a.table} to validate every existing row: writes to both tables wait until the scan finishes.`,
  addForeignKeyHint: (a: { table: string; name?: string }): string =>
    withFixRecipe(`Add it with NOT VALID (no scan; the SHARE ROW EXCLUSIVE locks are still taken, briefly), then ALTER TABLE ${a.table} VALIDATE CONSTRAINT ${a.name ?? '…'} ${LATER_TRANSACTION}: it takes SHARE UPDATE EXCLUSIVE, so reads and writes continue. Edit the SQL drizzle-kit generated.`, messages.fixRecipe()),
};

export const addingForeignKey: Rule = {
  id: 'adding-foreign-key',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD FOREIGN KEY without NOT VALID blocks writes to both tables while it scans the existing rows',
  squawk: ['adding-foreign-key-constraint', 'constraint-missing-not-valid'],
  messages,
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
          message: messages.addColumnWithReference({ column: quoteIdent(column.colname ?? '?'), parent, table, filled }),
          hint: messages.addColumnWithReferenceHint({ table, columns, parent }),
        });
        continue;
      }
      if (con.skip_validation) continue;
      const name = con.conname ? quoteIdent(con.conname) : undefined;
      ctx.report({
        at: con.location,
        message: messages.addForeignKey({ name, table, columns, parent }),
        hint: messages.addForeignKeyHint({ table, name }),
      });
    }
  },
};
