import type { Rule } from './types.js';
import { outsideTransaction } from './support/recipes.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable, constraintColumns } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'CREATE UNIQUE INDEX CONCURRENTLY, NOT NULL via validated checks, then ADD PRIMARY KEY USING INDEX',
  usingIndexScans: (a: { table: string; index: string; nullable: string[] }) =>
    `Adding primary key to ${a.table} USING INDEX ${a.index} still scans the whole table under ACCESS EXCLUSIVE, because ${a.nullable.join(', ')} ${a.nullable.length > 1 ? 'are' : 'is'} not yet NOT NULL: reads and writes wait until the scan finishes.`,
  usingIndexHint: () => 'Make the columns NOT NULL first without a long lock: CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later transaction, then SET NOT NULL (no scan).',
  build: (a: { table: string }) =>
    `Adding primary key to ${a.table} builds a unique index and checks every key column for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
  buildColumn: (a: { table: string; column: string }) =>
    `Adding primary key column ${a.column} to ${a.table} builds a unique index and checks every key column for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
  /** `build` is how to run the CREATE UNIQUE INDEX CONCURRENTLY with the configured runner (recipes.outsideTransaction). */
  hint: (a: { columns: string; build: string; table: string; name: string }) =>
    `Make ${a.columns} NOT NULL first (CHECK … NOT VALID, VALIDATE, SET NOT NULL). Build the index: ${a.build} Then ALTER TABLE ${a.table} ADD CONSTRAINT ${a.name} PRIMARY KEY USING INDEX ${a.name}. USING INDEX still scans if a column is nullable.`,
};

export const addingPrimaryKey: Rule = {
  id: 'adding-primary-key',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD PRIMARY KEY builds its index (and checks for NULLs) under ACCESS EXCLUSIVE',
  squawk: ['adding-serial-primary-key-field'],
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    const model = ctx.schema.table(alter.ref);
    for (const added of addedConstraints(alter, 'CONSTR_PRIMARY')) {
      const { con, column } = added;
      if (duplicateConstraintSwallowed(ctx.statement, model, con)) continue;
      if (con.indexname) {
        // USING INDEX skips the build, but Postgres still scans for NULLs in columns not yet NOT NULL.
        const index = ctx.schema.index({ schema: model?.schema ?? alter.ref.schema, name: con.indexname });
        const nullable = index?.columns.filter((c) => model?.columns.get(c)?.notNull === false) ?? [];
        if (!nullable.length) continue;
        ctx.report({ at: con.location, message: messages.usingIndexScans({ table, index: quoteIdent(con.indexname), nullable: nullable.map(quoteIdent) }), hint: messages.usingIndexHint() });
        continue;
      }
      const columns = constraintColumns(added).map(quoteIdent).join(', ');
      const name = quoteIdent(con.conname ?? `${alter.ref.name}_pkey`);
      const build = outsideTransaction(`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} (${columns});`, ctx.options.runner);
      const hint = messages.hint({ columns, build, table, name });
      if (column) ctx.report({ at: con.location, message: messages.buildColumn({ table, column: quoteIdent(column.colname ?? '?') }), hint });
      else ctx.report({ at: con.location, message: messages.build({ table }), hint: con.conname ? withFixRecipe(hint, messages.fixRecipe()) : hint });
    }
  },
};
