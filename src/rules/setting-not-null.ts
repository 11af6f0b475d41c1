import { isBareColumnRef, names, nodeAs, type Node } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { Constraint, Table } from '../schema/types.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

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

/** Whether an earlier statement of this transaction added or validated the check, so its scan ran under this transaction's locks. */
function checkedInThisTransaction(previous: readonly Statement[], tableKey: string, check: Constraint, column: string): boolean {
  return previous.some((s) => {
    const alter = alterTable(s);
    if (alter?.key !== tableKey) return false;
    return alter.cmds.some((cmd) => {
      if (cmd.subtype === 'AT_ValidateConstraint') return cmd.name === check.name;
      const con = cmd.subtype === 'AT_AddConstraint' ? nodeAs(cmd.def, 'Constraint') : undefined;
      return con?.contype === 'CONSTR_CHECK' && (con.conname === check.name || (!con.conname && provesNotNull(con.raw_expr as Node | undefined, column)));
    });
  });
}

function recipe(table: string, column: string, constraint: string, postgresVersion: number): string {
  if (postgresVersion >= 18) {
    return `On PostgreSQL 18: ALTER TABLE ${table} ADD CONSTRAINT ${constraint} NOT NULL ${column} NOT VALID (no scan), then in a later migration ALTER TABLE ${table} VALIDATE CONSTRAINT ${constraint} (SHARE UPDATE EXCLUSIVE: reads and writes continue during the scan).`;
  }
  if (postgresVersion >= 12) {
    return `ADD CONSTRAINT ${constraint} CHECK (${column} IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes continue), then SET NOT NULL skips the scan; drop the check afterwards.`;
  }
  return `Before PostgreSQL 12, SET NOT NULL always scans. Enforce it with CHECK (${column} IS NOT NULL) NOT VALID and a VALIDATE CONSTRAINT in a later migration instead, and SET NOT NULL after upgrading.`;
}

export const settingNotNull: Rule = {
  id: 'setting-not-null',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'SET NOT NULL on an existing column scans the whole table under ACCESS EXCLUSIVE',
  squawk: ['adding-not-nullable-field'],
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const pg = ctx.options.postgresVersion;
    for (const cmd of alter.cmds) {
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
      const sameTransaction = !!check?.validated && checkedInThisTransaction(ctx.transaction.previous, alter.key, check, column);
      if (pg >= 12 && check?.validated && !sameTransaction) continue;
      const col = quoteIdent(column);
      const shown = showRelation(alter.ref);
      let why = '';
      if (check && !check.validated) why = ` The CHECK ${quoteIdent(check.name)} is NOT VALID, so Postgres cannot use it to skip the scan.`;
      else if (check && pg < 12) why = ` PostgreSQL ${pg} does not use the validated CHECK ${quoteIdent(check.name)} to skip the scan (12 and later do).`;
      else if (check) why = ` The CHECK ${quoteIdent(check.name)} that lets Postgres skip the scan is checked in this same transaction, so that scan runs while the table is locked.`;
      ctx.report({
        at,
        message: `Setting NOT NULL on ${col} of ${shown} scans the whole table for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait until the scan finishes.${why}`,
        hint: recipe(shown, col, quoteIdent(`${alter.ref.name}_${column}_not_null`), pg),
      });
    }
  },
};
