import type { Rule } from './types.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable, constraintColumns } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const addingPrimaryKey: Rule = {
  id: 'adding-primary-key',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD PRIMARY KEY builds its index (and checks for NULLs) under ACCESS EXCLUSIVE',
  squawk: ['adding-serial-primary-key-field'],
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
        ctx.report({
          at: con.location,
          message: `Adding primary key to ${table} USING INDEX ${quoteIdent(con.indexname)} still scans the whole table under ACCESS EXCLUSIVE, because ${nullable.map(quoteIdent).join(', ')} ${nullable.length > 1 ? 'are' : 'is'} not yet NOT NULL: reads and writes wait until the scan finishes.`,
          hint: 'Make the columns NOT NULL first without a long lock: CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later transaction, then SET NOT NULL (no scan).',
        });
        continue;
      }
      const columns = constraintColumns(added).map(quoteIdent).join(', ');
      const name = quoteIdent(con.conname ?? `${alter.ref.name}_pkey`);
      ctx.report({
        at: con.location,
        message: `Adding primary key ${column ? `column ${quoteIdent(column.colname ?? '?')} ` : ''}to ${table} builds a unique index and checks every key column for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.`,
        hint: `Make ${columns} NOT NULL first (CHECK … NOT VALID, VALIDATE, SET NOT NULL), build CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} (${columns}) outside the migration transaction, then ALTER TABLE ${table} ADD CONSTRAINT ${name} PRIMARY KEY USING INDEX ${name}. USING INDEX still scans if a column is nullable.`,
      });
    }
  },
};
