import { shortenStatement } from '../linter/lint-folder.js';
import { nodeAs } from '../sql/ast.js';
import type { ParsedFile } from '../sql/parse-file.js';
import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import type { MigrationFile, MigrationFolder } from '../migrations/types.js';
import type { Runner } from '../rules/types.js';
import { isPgError, observedError, type Session } from './database.js';
import { appliedOnServer } from './applied-migrations.js';
import { createdExtension, DEPENDENT_OBJECT_CODES, MISSING_OBJECT_CODES } from './engine-gaps.js';
import { diff, snapshot, type Snapshot } from './observe.js';
import { fillEmptyTables } from './sample-rows.js';
import { inSavepoint, unitControl, type UnitControl } from './transaction-control.js';
import type { Observed, ObservedError, StatementTrace } from './types.js';

/** On a server the user provides, never queue behind live traffic for long. */
export const SERVER_LOCK_TIMEOUT = '5s';

/** One pending statement and what happened to it. */
export interface StatementRun {
  statement: Statement;
  trace: StatementTrace;
}

export interface FileRun {
  file: MigrationFile;
  parsed: ParsedFile;
  statements: StatementRun[];
}

/** A statement Postgres rejected: the `migration-fails` finding. */
export interface Failure {
  file: FileRun;
  run: StatementRun;
  error: ObservedError;
  /** Where Postgres points in the file (its error position), else the statement start. */
  location: Location;
  /** Statements of the same transaction unit that never ran because of it. */
  notRun: number;
}

export interface FolderVerify {
  files: FileRun[];
  failures: Failure[];
  /** History statements that failed while being replayed (the replay differs from production there). */
  historyProblems: string[];
  /** Tables still empty before a pending batch, and why. */
  unfilled: Map<string, string>;
  filledTables: number;
  /** History replayed inside the transaction a server run keeps open (its locks stay held). */
  historyReplayedInTransaction: boolean;
  /** Transaction units (batches) observed. */
  units: number;
}

export interface RunOptions {
  runner: Runner;
  /** Extensions the engine lacks: statements that need them are not verifiable. */
  missingExtensions: Set<string>;
  /** Set once a statement was skipped for a missing extension: what it would have created is missing too. */
  skippedForExtension?: boolean;
}

function traceOf(stmt: Statement): StatementTrace {
  return { line: stmt.location.line, column: stmt.location.column, statement: shortenStatement(stmt.text), status: 'ok' };
}

/** Statements the session runs: top-level ones (a DO block runs as a whole, not its inner statements). */
const runnable = (parsed: ParsedFile) => parsed.statements.filter((s) => !s.doBlock);

const isTransactionControl = (stmt: Statement) => nodeAs(stmt.node, 'TransactionStmt') !== undefined;

/** Where Postgres's 1-based error position points in the file. */
function errorLocation(stmt: Statement, position: string | undefined): Location {
  const p = Number(position);
  if (!Number.isInteger(p) || p < 1 || p > stmt.text.length) return stmt.location;
  const at = stmt.start + p - 1;
  return stmt.file.location(at, at + 1);
}

/**
 * Replays a folder on the session: history unobserved, then each pending transaction unit with
 * every statement observed. A unit that fails is rolled back, and later units run without it.
 */
export async function verifyFolder(session: Session, folder: MigrationFolder, parsed: Map<string, ParsedFile>, options: RunOptions): Promise<FolderVerify> {
  const out: FolderVerify = { files: [], failures: [], historyProblems: [], unfilled: new Map(), filledTables: 0, historyReplayedInTransaction: false, units: 0 };
  const applied = session.mayCommit ? new Set<string>() : await appliedOnServer(session, folder, parsed);
  const lastPending = folder.files.map((f) => f.report && !applied.has(f.path)).lastIndexOf(true);
  const control = unitControl(session);

  let unit: FileRun[] = [];
  const flush = async () => {
    if (unit.length) {
      await runUnit(session, control, unit, options, out);
      out.units++;
    }
    unit = [];
  };
  for (const [i, file] of folder.files.entries()) {
    if (i > lastPending) break;
    const p = parsed.get(file.path)!;
    if (applied.has(file.path)) {
      if (file.report) out.files.push(skippedFile(file, p, 'already applied on this database (drizzle.__drizzle_migrations): not run'));
      continue;
    }
    if (!file.report) {
      await flush();
      await replayHistory(session, p, out.historyProblems);
      if (!session.mayCommit) out.historyReplayedInTransaction = true;
      continue;
    }
    const run: FileRun = { file, parsed: p, statements: runnable(p).map((s) => ({ statement: s, trace: traceOf(s) })) };
    out.files.push(run);
    const sameTransaction = options.runner === 'drizzle' && unit.length > 0 && unit[0].file.batch === file.batch;
    if (!sameTransaction) await flush();
    unit.push(run);
  }
  await flush();
  return out;
}

function skippedFile(file: MigrationFile, parsed: ParsedFile, note: string): FileRun {
  return { file, parsed, statements: runnable(parsed).map((s) => ({ statement: s, trace: { ...traceOf(s), status: 'not-verifiable', note } })) };
}

/** Applies a history migration statement by statement; a failure is recorded and the replay goes on. */
async function replayHistory(session: Session, parsed: ParsedFile, problems: string[], what = 'history'): Promise<void> {
  for (const stmt of runnable(parsed)) {
    if (isTransactionControl(stmt)) continue;
    try {
      if (session.mayCommit) await session.exec(stmt.text);
      else await inSavepoint(session, 'verify_history', () => session.exec(stmt.text));
    } catch (e) {
      if (!isPgError(e)) throw e;
      problems.push(`${what} ${parsed.file.path}:${stmt.location.line}:${stmt.location.column}: ${e.code} ${e.message}`);
    }
  }
}

async function fillTables(session: Session, control: UnitControl, out: FolderVerify): Promise<void> {
  await control.begin();
  const filled = await fillEmptyTables(session);
  await control.keep();
  out.filledTables = filled.filled;
  out.unfilled = filled.unfilled;
}

/** Runs one transaction unit (a drizzle batch, a file, or with runner `none` one statement at a time). */
async function runUnit(session: Session, control: UnitControl, files: FileRun[], options: RunOptions, out: FolderVerify): Promise<void> {
  await fillTables(session, control, out);
  const perStatement = options.runner === 'none';
  const runs = files.flatMap((f) => f.statements.map((r) => ({ file: f, run: r })));
  await control.begin();
  // Relations that existed when the transaction began: the ones other sessions can be waiting on.
  let existing = await snapshot(session);
  let failed: Failure | undefined;
  for (const { file, run } of runs) {
    if (failed) {
      run.trace.status = 'not-run';
      run.trace.note = `not run: ${failed.run.trace.statement.split('\n')[0].slice(0, 60)} failed earlier in the same transaction`;
      failed.notRun++;
      continue;
    }
    const failure = await runStatement(session, control, run, options, existing);
    if (failure) {
      failed = { file, run, ...failure, notRun: 0 };
      out.failures.push(failed);
    } else if (perStatement) {
      await control.keep();
      await control.begin();
      existing = await snapshot(session);
    }
  }
  await (failed ? control.discard() : control.keep());
  if (failed) await reapplyFailedUnit(session, files, out.historyProblems);
}

/**
 * drizzle-kit stops at a failed batch; verify goes on so that the later migrations are observed
 * too, on the schema they were written for. On PGlite the batch is applied again to emptied tables
 * (the rows are verify's own samples), one statement at a time outside a transaction, so that
 * failures caused by existing rows, new enum values or CONCURRENTLY do not recur. On a server the
 * statements that succeed are applied, inside the rolled-back transaction.
 */
async function reapplyFailedUnit(session: Session, files: FileRun[], problems: string[]): Promise<void> {
  if (session.mayCommit) await session.exec(EMPTY_USER_TABLES);
  for (const f of files) await replayHistory(session, f.parsed, problems, 'the failed batch re-applied');
}

const EMPTY_USER_TABLES = `DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'drizzle') AND n.nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('TRUNCATE %I.%I CASCADE', r.nspname, r.relname);
  END LOOP; END $$`;

/** Where and why the migration fails. */
type FailureAt = { error: ObservedError; location: Location };

/** A statement Postgres rejected: nothing to observe but the error and the time until it. */
function failedObservation(error: ObservedError, t0: number): Observed {
  return { locks: [], rewritten: [], scanned: [], durationMs: Math.round((performance.now() - t0) * 100) / 100, error };
}

function notVerifiable(trace: StatementTrace, note: string): undefined {
  trace.status = 'not-verifiable';
  trace.note = note;
  return undefined;
}

/** Observes one statement. Returns the error when the migration fails here. */
async function runStatement(session: Session, control: UnitControl, run: StatementRun, options: RunOptions, existing: Snapshot): Promise<FailureAt | undefined> {
  const { statement: stmt, trace } = run;
  if (isTransactionControl(stmt)) {
    return notVerifiable(trace, 'transaction control is not run: verify keeps the batch in its own transaction and never commits it early');
  }
  const ext = createdExtension(stmt);
  if (ext && options.missingExtensions.has(ext)) {
    options.skippedForExtension = true;
    return notVerifiable(trace, `extension "${ext}" is not available in PGlite: this statement and the ones that use it are not verifiable`);
  }
  const before = await snapshot(session);
  const t0 = performance.now();
  try {
    await inSavepoint(session, 'verify_stmt', async () => {
      await session.exec(stmt.text);
      trace.observed = diff(before, await snapshot(session), performance.now() - t0, existing);
    });
    return undefined;
  } catch (e) {
    if (!isPgError(e)) throw e;
    const error = observedError(e);
    trace.observed = failedObservation(error, t0);
    if (e.code === '25001' && options.runner !== 'drizzle') return runOutsideTransaction(session, control, run, error);
    const missingObject = MISSING_OBJECT_CODES.has(error.code) || (options.skippedForExtension && DEPENDENT_OBJECT_CODES.has(error.code));
    if (options.missingExtensions.size && missingObject) {
      options.skippedForExtension = true;
      return notVerifiable(trace, `probably needs extension ${[...options.missingExtensions].map((x) => `"${x}"`).join(', ')}, which PGlite does not ship (${error.code}: ${error.message})`);
    }
    if (error.code === '55P03' && !session.mayCommit) {
      return notVerifiable(trace, `waited more than ${SERVER_LOCK_TIMEOUT} for a lock another session holds on this server (${error.message})`);
    }
    trace.status = 'failed';
    return { error, location: errorLocation(stmt, e.position) };
  }
}

/**
 * With runner `per-file` or `none`, a statement that cannot run in a transaction block (CREATE INDEX
 * CONCURRENTLY, VACUUM …) runs on its own. On PGlite it runs to completion; its locks are gone by
 * then, so only storage changes are seen. On a server the user provides it is not run at all.
 */
async function runOutsideTransaction(session: Session, control: UnitControl, run: StatementRun, inTransactionError: ObservedError): Promise<FailureAt | undefined> {
  const { statement: stmt, trace } = run;
  if (!session.mayCommit) {
    return notVerifiable(trace, 'cannot run inside a transaction block, and verify never commits on a server you provide');
  }
  await control.keep();
  const before = await snapshot(session);
  const t0 = performance.now();
  try {
    await session.exec(stmt.text);
    trace.observed = diff(before, await snapshot(session), performance.now() - t0);
    trace.note = `ran outside a transaction (${inTransactionError.code} inside one): its locks are released when it ends, so they cannot be observed`;
    return undefined;
  } catch (e) {
    if (!isPgError(e)) throw e;
    const error = observedError(e);
    trace.observed = failedObservation(error, t0);
    trace.status = 'failed';
    return { error, location: errorLocation(stmt, e.position) };
  } finally {
    await control.begin();
  }
}
