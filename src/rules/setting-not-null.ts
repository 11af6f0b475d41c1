import { isBareColumnRef, names, nodeAs, type Node } from '../sql/ast.js';
import type { Constraint, Table } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable, type AlterTable } from '../sql/alter-table.js';
import { columnFilledIn } from '../sql/data-copies.js';
import { existingTableLocks } from './support/existing-locks.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

/** `col IS NOT NULL`, alone or as one conjunct of an AND: what lets PG ≥ 12 skip the SET NOT NULL scan. */
function provesNotNull(expr: Node | undefined, column: string): boolean {
  const test = nodeAs(expr, 'NullTest');
  if (test) {
    return test.nulltesttype === 'IS_NOT_NULL' && isBareColumnRef(test.arg, column);
  }
  const and = nodeAs(expr, 'BoolExpr');
  return and?.boolop === 'AND_EXPR' && ((and.args as Node[] | undefined) ?? []).some((a) => provesNotNull(a, column));
}

function notNullCheck(table: Table | undefined, column: string): Constraint | undefined {
  const checks = [...(table?.constraints.values() ?? [])].filter((c) => c.kind === 'check' && provesNotNull(c.expr, column));
  return checks.find((c) => c.validated) ?? checks[0];
}

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL, DROP the check (PG ≥ 12)',
  scan: (a: { column: string; table: string }) =>
    `Setting NOT NULL on ${a.column} of ${a.table} scans the whole table for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait until the scan finishes.`,
  checkNotValid: (a: { check: string }) => `The CHECK ${a.check} is NOT VALID, so Postgres cannot use it to skip the scan.`,
  checkIgnoredBefore12: (a: { pg: number; check: string }) => `PostgreSQL ${a.pg} does not use the validated CHECK ${a.check} to skip the scan (12 and later do).`,
  validateFails: (a: { check: string; column: string; table: string }) =>
    `Validating ${a.check} fails with 23514 (check constraint is violated by some row) if ${a.table} has any row: ${a.column} was added in this transaction with no DEFAULT and nothing filled it, so every row holds NULL.`,
  validateFailsHint: (a: { column: string; table: string }) =>
    `Backfill ${a.column} first (UPDATE ${a.table} SET ${a.column} = … in batches, in an earlier migration), or add the column with a DEFAULT; then add the CHECK NOT VALID and VALIDATE it in a later migration.`,
  domainScan: (a: { domain: string; tables: string }) =>
    `Setting NOT NULL on domain ${a.domain} checks every value stored in it: Postgres scans ${a.tables} under SHARE locks, so writes to them wait until the scans finish.`,
  domainHint: (a: { domain: string }) =>
    `Add ALTER DOMAIN ${a.domain} ADD CONSTRAINT … CHECK (VALUE IS NOT NULL) NOT VALID instead (no table locked or scanned); its VALIDATE CONSTRAINT later scans those tables again under SHARE, so run that at a quiet time.`,
  recipe18: (a: { table: string; constraint: string; column: string }) =>
    `On PostgreSQL 18: ALTER TABLE ${a.table} ADD CONSTRAINT ${a.constraint} NOT NULL ${a.column} NOT VALID (no scan), then in a later migration ALTER TABLE ${a.table} VALIDATE CONSTRAINT ${a.constraint} (SHARE UPDATE EXCLUSIVE: reads and writes continue during the scan).`,
  recipe12: (a: { constraint: string; column: string }) =>
    `ADD CONSTRAINT ${a.constraint} CHECK (${a.column} IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes continue), then SET NOT NULL skips the scan; drop the check afterwards.`,
  recipeBefore12: (a: { column: string }) =>
    `Before PostgreSQL 12, SET NOT NULL always scans. Enforce it with CHECK (${a.column} IS NOT NULL) NOT VALID and a VALIDATE CONSTRAINT in a later migration instead, and SET NOT NULL after upgrading.`,
};

function recipe(table: string, column: string, constraint: string, postgresVersion: number): string {
  if (postgresVersion >= 18) return messages.recipe18({ table, constraint, column });
  if (postgresVersion >= 12) return messages.recipe12({ constraint, column });
  return messages.recipeBefore12({ column });
}

/** The text of a list of relations: a, b and 2 more. */
function listed(tables: string[]): string {
  const shown = tables.length > 3 ? [...tables.slice(0, 3), `${tables.length - 3} more`] : tables;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}

/**
 * An UPDATE that sets the column ran before this statement: earlier in the transaction, or earlier in
 * this file behind a COMMIT (fix's batched backfill commits between the ADD COLUMN and the VALIDATE).
 */
function filledBefore(ctx: StatementContext, table: string, column: string): boolean {
  return columnFilledIn(ctx.transaction.previous, table, column) || columnFilledIn(ctx.file.statements.slice(0, ctx.statement.index), table, column);
}

/**
 * VALIDATE of a CHECK (col IS NOT NULL) whose column this transaction added without a default to an
 * existing table: every row holds NULL, so it fails (23514) unless the table is empty.
 */
function checkValidateOfNewColumn(ctx: StatementContext, alter: AlterTable, cmd: AlterTable['cmds'][number]): void {
  if (cmd.subtype !== 'AT_ValidateConstraint' || !cmd.name) return;
  const table = ctx.schema.table(alter.ref);
  const check = table?.constraints.get(cmd.name);
  if (!table || check?.kind !== 'check' || check.validated) return;
  for (const column of table.columns.values()) {
    if (!provesNotNull(check.expr, column.name) || !ctx.isNewOrigin(column.origin)) continue;
    if (column.default || column.identity || column.generated || column.notNull || filledBefore(ctx, alter.key, column.name)) continue;
    const args = { column: quoteIdent(column.name), table: showRelation(alter.ref) };
    ctx.report({ message: messages.validateFails({ ...args, check: quoteIdent(check.name) }), hint: messages.validateFailsHint(args) });
  }
}

function checkDomain(ctx: StatementContext): void {
  const alter = nodeAs(ctx.statement.node, 'AlterDomainStmt');
  if (alter?.subtype !== 'O') return;
  const tables = existingTableLocks(ctx).filter((l) => l.kind === 'table').map((l) => showRelation(l.ref));
  if (!tables.length) return;
  const domain = names(alter.typeName as Node[]).map(quoteIdent).join('.');
  ctx.report({ message: messages.domainScan({ domain, tables: listed(tables) }), hint: messages.domainHint({ domain }) });
}

export const settingNotNull: Rule = {
  id: 'setting-not-null',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'SET NOT NULL on an existing column (or a domain in use) scans the whole table while writes wait',
  squawk: ['adding-not-nullable-field'],
  messages,
  check(ctx) {
    checkDomain(ctx);
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const pg = ctx.options.postgresVersion;
    for (const cmd of alter.cmds) {
      checkValidateOfNewColumn(ctx, alter, cmd);
      let column: string | undefined;
      let at: number | undefined;
      if (cmd.subtype === 'AT_SetNotNull') column = cmd.name;
      else if (cmd.subtype === 'AT_AddConstraint') {
        // PG 18's ADD CONSTRAINT … NOT NULL col: validated at once unless NOT VALID.
        const con = nodeAs(cmd.def, 'Constraint');
        if (con?.contype !== 'CONSTR_NOTNULL' || con.skip_validation) continue;
        column = names(con.keys as Node[] | undefined)[0];
        at = con.location;
      }
      if (!column) continue;
      const table = ctx.schema.table(alter.ref);
      // Already NOT NULL (a primary key column, say): Postgres has nothing to check.
      if (table?.columns.get(column)?.notNull) continue;
      const check = notNullCheck(table, column);
      // A validated check skips the scan, even one validated earlier in this transaction: measured on
      // PGlite 18.6, VALIDATE then SET NOT NULL in one transaction scan the table once, under VALIDATE's
      // SHARE UPDATE EXCLUSIVE (the ACCESS EXCLUSIVE SET NOT NULL does not scan).
      if (pg >= 12 && check?.validated) continue;
      const col = quoteIdent(column);
      const shown = showRelation(alter.ref);
      const why = [messages.scan({ column: col, table: shown })];
      if (check && !check.validated) why.push(messages.checkNotValid({ check: quoteIdent(check.name) }));
      else if (check) why.push(messages.checkIgnoredBefore12({ pg, check: quoteIdent(check.name) }));
      const hint = recipe(shown, col, quoteIdent(`${alter.ref.name}_${column}_not_null`), pg);
      // Before PG 12 fix has no lock-free rewrite to offer (it says so instead).
      ctx.report({ at, message: why.join(' '), hint: pg >= 12 ? withFixRecipe(hint, messages.fixRecipe()) : hint });
    }
  },
};
