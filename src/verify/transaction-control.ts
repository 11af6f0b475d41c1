import { names, nodeAs } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { Session } from './database.js';

/**
 * How one transaction unit (a drizzle batch, a file, a statement) begins and ends. On PGlite a
 * successful unit is committed so the next one starts with no locks held, like drizzle's next
 * `migrate`; on a server the user provides everything is a savepoint of one transaction that is
 * rolled back at the end.
 */
export interface UnitControl {
  begin(): Promise<void>;
  /** The unit succeeded and later units build on it. */
  keep(): Promise<void>;
  /** The unit failed (or was the last): undo it. */
  discard(): Promise<void>;
}

export function unitControl(session: Session): UnitControl {
  // On a server the unit runs at the top level of verify's transaction (no savepoint around it:
  // see needsTopLevel), and a failed unit ends the run there, so there is nothing to begin or undo.
  if (!session.mayCommit) return { begin: async () => undefined, keep: async () => undefined, discard: async () => undefined };
  if (session.mayCommit) {
    return {
      begin: () => session.exec('BEGIN'),
      keep: () => session.exec('COMMIT'),
      discard: () => session.exec('ROLLBACK'),
    };
  }
  return {
    begin: () => session.exec('SAVEPOINT verify_unit'),
    keep: () => session.exec('RELEASE SAVEPOINT verify_unit'),
    discard: () => session.exec('ROLLBACK TO SAVEPOINT verify_unit'),
  };
}

/** Runs `body` in a savepoint that is released on success and rolled back (then rethrown) on error. */
export async function inSavepoint<T>(session: Session, name: string, body: () => Promise<T>): Promise<T> {
  await session.exec(`SAVEPOINT ${name}`);
  try {
    const out = await body();
    await session.exec(`RELEASE SAVEPOINT ${name}`);
    return out;
  } catch (e) {
    await session.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw e;
  }
}

const transactionKind = (stmt: Statement) => nodeAs(stmt.node, 'TransactionStmt')?.kind;

/** COMMIT / END: in a drizzle batch, the start of the `COMMIT; … CONCURRENTLY …; BEGIN;` escape hatch. */
export const isCommit = (stmt: Statement) => transactionKind(stmt) === 'TRANS_STMT_COMMIT';

/** BEGIN / START TRANSACTION. */
export const isBegin = (stmt: Statement) => transactionKind(stmt) === 'TRANS_STMT_BEGIN' || transactionKind(stmt) === 'TRANS_STMT_START';

/**
 * Statements that behave differently inside a subtransaction. Measured on PostgreSQL 18.4 and PGlite
 * (18): `CREATE TYPE e AS ENUM ('a'); ALTER TYPE e ADD VALUE 'b'; SELECT 'b'::e` succeeds in one
 * transaction (the PG 17 exemption for an enum created in the same transaction) but fails with
 * 55P04 when the CREATE TYPE runs in a savepoint, released or still open. Such a unit runs with no
 * savepoint around or between its statements, so that the observation does not change its outcome.
 */
export function needsTopLevel(statements: Statement[]): boolean {
  const created = new Set<string>();
  for (const s of statements) {
    const enumType = nodeAs(s.node, 'CreateEnumStmt');
    if (enumType) created.add(names(enumType.typeName).pop() ?? '');
    const alter = nodeAs(s.node, 'AlterEnumStmt');
    if (alter?.newVal && !alter.oldVal && created.has(names(alter.typeName).pop() ?? '')) return true;
  }
  return false;
}
