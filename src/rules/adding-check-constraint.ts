import { names, nodeAs, type Node } from '../sql/ast.js';
import type { Rule, StatementContext } from './types.js';
import { duplicateConstraintSwallowed } from '../pg/already-exists.js';
import { addedConstraints, alterTable } from '../sql/alter-table.js';
import { existingTableLocks } from './support/existing-locks.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { LATER_TRANSACTION } from './support/recipes.js';
import { withFixRecipe } from './support/fix-recipe.js';

const SCANS = 'scans the whole table to check every existing row while holding ACCESS EXCLUSIVE: reads and writes wait until the scan finishes.';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'ADD CHECK … NOT VALID, then VALIDATE CONSTRAINT in a transaction of its own',
  /** `name`: the constraint's name, quoted, when it has one. */
  addCheck: (a: { name?: string; table: string }) =>
    `Adding CHECK constraint ${a.name ? `${a.name} ` : ''}to ${a.table} without NOT VALID ${SCANS}`,
  addCheckHint: (a: { table: string }): string =>
    withFixRecipe(`Add the constraint as ALTER TABLE ${a.table} ADD CONSTRAINT … CHECK (…) NOT VALID (no scan), and VALIDATE CONSTRAINT ${LATER_TRANSACTION}: it takes SHARE UPDATE EXCLUSIVE, so reads and writes continue.`, messages.fixRecipe()),
  addColumnWithCheck: (a: { column: string; table: string }) => `Adding column ${a.column} with a CHECK to ${a.table} ${SCANS}`,
  addColumnWithCheckHint: (a: { table: string }) =>
    `Add the column without the CHECK, then add the constraint as ALTER TABLE ${a.table} ADD CONSTRAINT … CHECK (…) NOT VALID (no scan), and VALIDATE CONSTRAINT ${LATER_TRANSACTION}: it takes SHARE UPDATE EXCLUSIVE, so reads and writes continue.`,
  /** `tables`: the existing tables with a column of the domain, listed; `count`: how many. */
  addDomainCheck: (a: { name?: string; domain: string; tables: string; count: number }) =>
    `Adding CHECK constraint ${a.name ? `${a.name} ` : ''}to domain ${a.domain} without NOT VALID checks every value already stored in it: Postgres scans ${a.tables} under ${a.count === 1 ? 'a SHARE lock, so writes to it wait until the scan finishes' : 'SHARE locks, so writes to them wait until the scans finish'}.`,
  addDomainCheckHint: (a: { domain: string }) =>
    `Add it as ALTER DOMAIN ${a.domain} ADD CONSTRAINT … CHECK (…) NOT VALID: new and changed values are checked from then on, and no table is locked or scanned. ALTER DOMAIN … VALIDATE CONSTRAINT checks the old values later, scanning those tables again while it blocks writes, so run it ${LATER_TRANSACTION} at a quiet time.`,
};

export const addingCheckConstraint: Rule = {
  id: 'adding-check-constraint',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD CHECK without NOT VALID scans the whole table under ACCESS EXCLUSIVE (on a domain: every table that uses it, under SHARE)',
  squawk: ['constraint-missing-not-valid'],
  messages,
  check(ctx) {
    checkDomainConstraint(ctx);
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const { con, column } of addedConstraints(alter, 'CONSTR_CHECK')) {
      if (con.skip_validation || duplicateConstraintSwallowed(ctx.statement, ctx.schema.table(alter.ref), con)) continue;
      ctx.report(
        column
          ? {
              at: con.location,
              message: messages.addColumnWithCheck({ column: quoteIdent(column.colname ?? '?'), table }),
              hint: messages.addColumnWithCheckHint({ table }),
            }
          : {
              at: con.location,
              message: messages.addCheck({ name: con.conname ? quoteIdent(con.conname) : undefined, table }),
              hint: messages.addCheckHint({ table }),
            },
      );
    }
  },
};

/**
 * `ALTER DOMAIN … ADD CONSTRAINT … CHECK` without NOT VALID checks every stored value of the domain:
 * measured, it takes SHARE on each table with a column of the domain and scans it. Only tables that
 * existed before this batch matter, and the schema model knows which ones use the domain.
 */
function checkDomainConstraint(ctx: StatementContext): void {
  const alter = nodeAs(ctx.statement.node, 'AlterDomainStmt');
  const con = alter?.subtype === 'C' ? nodeAs(alter.def, 'Constraint') : undefined;
  if (!con || con.contype !== 'CONSTR_CHECK' || con.skip_validation) return;
  const tables = existingTableLocks(ctx).filter((l) => l.kind === 'table').map((l) => showRelation(l.ref));
  if (!tables.length) return;
  const domain = names(alter!.typeName as Node[]).map(quoteIdent).join('.');
  const listed = tables.length > 3 ? [...tables.slice(0, 3), `${tables.length - 3} more`] : tables;
  const shown = listed.length > 1 ? `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}` : listed[0];
  ctx.report({
    at: con.location,
    message: messages.addDomainCheck({ name: con.conname ? quoteIdent(con.conname) : undefined, domain, tables: shown, count: tables.length }),
    hint: messages.addDomainCheckHint({ domain }),
  });
}
