import type { Rule } from './types.js';
import { outsideTransaction } from './support/recipes.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable, constraintColumns } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX',
  column: (a: { column: string; table: string }) =>
    `Adding column ${a.column} with UNIQUE to ${a.table} builds its unique index while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
  named: (a: { constraint: string; table: string }) =>
    `Adding UNIQUE constraint ${a.constraint} to ${a.table} builds its unique index while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
  unnamed: (a: { table: string }) =>
    `Adding UNIQUE constraint to ${a.table} builds its unique index while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
  columnHint: () => 'Add the column without UNIQUE.',
  /** `build` is how to run the CREATE UNIQUE INDEX CONCURRENTLY with the configured runner (recipes.outsideTransaction). */
  hint: (a: { build: string; name: string; table: string }) =>
    `Build the index first: ${a.build} Then ALTER TABLE ${a.table} ADD CONSTRAINT ${a.name} UNIQUE USING INDEX ${a.name} (no scan).`,
};

export const addingUniqueConstraint: Rule = {
  id: 'adding-unique-constraint',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD UNIQUE without USING INDEX builds the index under ACCESS EXCLUSIVE',
  squawk: ['disallowed-unique-constraint'],
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const added of addedConstraints(alter, 'CONSTR_UNIQUE')) {
      const { con, column } = added;
      if (con.indexname || duplicateConstraintSwallowed(ctx.statement, ctx.schema.table(alter.ref), con)) continue;
      const columns = constraintColumns(added);
      const name = quoteIdent(con.conname ?? `${alter.ref.name}_${columns.join('_')}_key`);
      const build = outsideTransaction(`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} (${columns.map(quoteIdent).join(', ')});`, ctx.options.runner);
      const hint = messages.hint({ build, name, table });
      if (column) ctx.report({ at: con.location, message: messages.column({ column: quoteIdent(column.colname ?? '?'), table }), hint: `${messages.columnHint()} ${hint}` });
      else if (con.conname) ctx.report({ at: con.location, message: messages.named({ constraint: quoteIdent(con.conname), table }), hint: withFixRecipe(hint, messages.fixRecipe()) });
      else ctx.report({ at: con.location, message: messages.unnamed({ table }), hint });
    }
  },
};
