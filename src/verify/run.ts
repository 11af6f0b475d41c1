import { shortenStatement } from '../linter/lint-folder.js';
import { nodeAs } from '../sql/ast.js';
import type { ParsedFile } from '../sql/parse-file.js';
import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import type { MigrationFile, MigrationFolder } from '../migrations/types.js';
import type { Runner } from '../rules/types.js';
import { isPgError, observedError, type Session } from './database.js';
import { readServerMigrations, type ServerMigrations } from './applied-migrations.js';
import { createdExtension, DEPENDENT_OBJECT_CODES, MISSING_OBJECT_CODES } from './engine-gaps.js';
import { diff, heldOnTables, snapshot, type Snapshot } from './observe.js';
import { outsideEffect, READS_OR_WRITES_ROWS } from './outside-effects.js';
import { PGLITE_STOPPED } from './pglite-session.js';
import { fillEmptyTables } from './sample-rows.js';
import { checkStillInside, type ServerTransaction } from './server-transaction.js';
import { changedSetting, setsSplittingSetting, splittingSettings, type SplittingSettings } from './splitting-settings.js';
import { inSavepoint, isBegin, isCommit, needsTopLevel, unitControl, type UnitControl } from './transaction-control.js';
import type { Observed, ObservedError, StatementTrace } from './types.js';

/** On a server the user provides, never queue behind live traffic for long (the default of --lock-timeout). */
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
  /** What the server's migrations table said (a server run without --since/--baseline). */
  serverMigrations?: ServerMigrations;
}

export interface RunOptions {
  runner: Runner;
  /** Extensions the engine lacks: statements that need them are not verifiable. */
  missingExtensions: Set<string>;
  /** Set once a statement was skipped for a missing extension: what it would have created is missing too. */
  skippedForExtension?: boolean;
  /** On a server: verify's transaction, checked after every statement. */
  server?: ServerTransaction;
  /** `--lock-timeout` as shown in notes. */
  lockTimeout?: string;
  /** On a server: the pending migrations are the ones its drizzle migrations table lacks (no --since/--baseline). */
  pendingFromServer?: boolean;
  /**
   * Set when verify stops running statements: a setting that changes how the text is split was
   * changed, or a batch failed on a server (drizzle-kit migrate stops there; nothing is replayed).
   */
  halted?: string;
  /** How the session split text when the folder started (PGlite: checked after every statement too). */
  settings?: SplittingSettings;
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

const PGLITE_LOST = `not run: ${PGLITE_STOPPED} when a statement ran past --statement-timeout`;

/** `drizzle/0003_x.sql:4:1` for messages. */
const where = (stmt: Statement) => `${stmt.file.path}:${stmt.location.line}:${stmt.location.column}`;

/**
 * Replays a folder on the session: history unobserved, then each pending transaction unit with
 * every statement observed. A unit that fails is rolled back; on PGlite later units run without
 * it, on a server nothing more runs (drizzle-kit migrate stops there and a failed batch is never
 * replayed on a database verify must not change).
 */
export async function verifyFolder(session: Session, folder: MigrationFolder, parsed: Map<string, ParsedFile>, options: RunOptions): Promise<FolderVerify> {
  const out: FolderVerify = { files: [], failures: [], historyProblems: [], unfilled: new Map(), filledTables: 0, historyReplayedInTransaction: false, units: 0 };
  if (session.lost?.()) options.halted = PGLITE_LOST;
  options.settings ??= await splittingSettings(session);
  let applied = new Set<string>();
  let notJournalled = new Set<string>();
  let fromTable = false;
  if (!session.mayCommit) {
    const server = await readServerMigrations(session, folder);
    out.serverMigrations = server;
    applied = server.applied;
    // Without --since/--baseline the table says what is pending, as it does for the migrator.
    fromTable = !!options.pendingFromServer && server.exists && !!folder.journal;
    if (fromTable) notJournalled = server.notJournalled;
  }
  const isPending = (f: MigrationFile) => !applied.has(f.path) && !notJournalled.has(f.path) && (f.report || (fromTable && options.pendingFromServer === true));
  const lastPending = folder.files.map((f) => f.report && isPending(f)).lastIndexOf(true);
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
      if (file.report) out.files.push(skippedFile(file, p, `already applied on this database (${out.serverMigrations?.table ?? 'drizzle.__drizzle_migrations'}): not run`));
      continue;
    }
    if (notJournalled.has(file.path)) {
      if (file.report) out.files.push(skippedFile(file, p, 'not in meta/_journal.json: drizzle-kit migrate never runs it, so verify does not either'));
      continue;
    }
    if (!file.report && !fromTable) {
      await flush();
      await replayHistory(session, p, out.historyProblems, options);
      if (!session.mayCommit) out.historyReplayedInTransaction = true;
      continue;
    }
    const run: FileRun = { file, parsed: p, statements: runnable(p).map((s) => ({ statement: s, trace: traceOf(s) })) };
    if (file.report) out.files.push(run);
    // The migrator runs everything the table lacks in one transaction.
    const sameTransaction = options.runner === 'drizzle' && unit.length > 0 && (fromTable || unit[0].file.batch === file.batch);
    if (!sameTransaction) await flush();
    unit.push(run);
  }
  await flush();
  return out;
}

function skippedFile(file: MigrationFile, parsed: ParsedFile, note: string): FileRun {
  return { file, parsed, statements: runnable(parsed).map((s) => ({ statement: s, trace: { ...traceOf(s), status: 'not-verifiable', note } })) };
}

/**
 * Why a statement is not run at all on this session: transaction control, effects outside the
 * transaction, a setting that changes how the rest of the text is split (on a server).
 */
async function refusal(session: Session, stmt: Statement): Promise<string | undefined> {
  if (isTransactionControl(stmt)) return 'transaction control is not run: verify keeps the batch in its own transaction and never commits it early';
  if (session.mayCommit) return undefined;
  const setting = setsSplittingSetting(stmt);
  if (setting) return `not run on a server: it changes ${setting}, which changes how the rest of the file is split into statements`;
  return outsideEffect(stmt, READS_OR_WRITES_ROWS.has(String(Object.keys(stmt.node)[0])) ? await foreignTables(session) : undefined);
}

async function foreignTables(session: Session): Promise<Set<string>> {
  const rows = await session.query<{ name: string }>("SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'f'");
  return new Set(rows.map((r) => r.name));
}

/**
 * After a statement ran: on a server, stops everything when the session left verify's transaction;
 * on any engine, halts the run when a setting that changes how text is split was changed.
 */
async function afterStatement(session: Session, stmt: Statement, options: RunOptions): Promise<void> {
  const changed = options.server
    ? await checkStillInside(session, options.server, where(stmt))
    : changedSetting(options.settings!, await splittingSettings(session));
  if (changed) options.halted = `not run: ${where(stmt)} changed ${changed}, so the rest of the text may not be split as Postgres reads it`;
}

/**
 * Applies a history migration statement by statement; a failure is recorded and the replay goes
 * on. On PGlite the file runs in one transaction as drizzle's migrator runs it (a temporary table
 * `ON COMMIT DROP` lives until the end of the file), each statement in a savepoint.
 */
async function replayHistory(session: Session, parsed: ParsedFile, problems: string[], options: RunOptions, what = 'history'): Promise<void> {
  if (options.halted) return;
  if (session.mayCommit) await session.exec('BEGIN');
  try {
    for (const stmt of runnable(parsed)) {
      const refused = await refusal(session, stmt);
      if (refused) {
        if (!isTransactionControl(stmt)) problems.push(`${what} ${where(stmt)}: ${refused}`);
        continue;
      }
      try {
        await inSavepoint(session, 'verify_history', () => session.exec(stmt.text));
      } catch (e) {
        if (!isPgError(e)) throw e;
        if (e.code === '25001' && session.mayCommit) {
          // CREATE INDEX CONCURRENTLY and the like: on PGlite, run it on its own as drizzle's escape hatch does.
          await session.exec('COMMIT');
          try {
            await session.exec(stmt.text);
          } catch (e2) {
            if (!isPgError(e2)) throw e2;
            problems.push(`${what} ${where(stmt)}: ${e2.code} ${e2.message}`);
          } finally {
            await session.exec('BEGIN');
          }
          continue;
        }
        problems.push(`${what} ${where(stmt)}: ${e.code} ${e.message}`);
        if (session.lost?.()) {
          options.halted = PGLITE_LOST;
          return;
        }
        continue;
      }
      await afterStatement(session, stmt, options);
      if (options.halted) {
        problems.push(`${what} ${options.halted.replace(/^not run: /, '')}: verify stopped there`);
        return;
      }
    }
  } finally {
    if (session.mayCommit) await session.exec('COMMIT');
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
  const runs = files.flatMap((f) => f.statements.map((r) => ({ file: f, run: r })));
  if (options.halted) {
    for (const { run } of runs) markNotRun(run.trace, options.halted);
    return;
  }
  await fillTables(session, control, out);
  const perStatement = options.runner === 'none';
  const topLevel = needsTopLevel(runs.map((r) => r.run.statement));
  await control.begin();
  // Relations that existed when the transaction began: the ones other sessions can be waiting on.
  let existing = await snapshot(session);
  // Locks verify's own sample rows hold (on a server they stay held to the end): never "already held".
  const own = new Set(heldOnTables(existing, existing).map((h) => `${h.relation}/${h.mode}`));
  let failed: Failure | undefined;
  /** Inside the `COMMIT; … ; BEGIN;` escape hatch of a drizzle batch. */
  let outside: Statement | undefined;
  for (const { file, run } of runs) {
    const stmt = run.statement;
    if (failed) {
      markNotRun(run.trace, `not run: ${failed.run.trace.statement.split('\n')[0].slice(0, 60)} failed earlier in the same transaction`);
      failed.notRun++;
      continue;
    }
    if (options.halted) {
      markNotRun(run.trace, options.halted);
      continue;
    }
    if (options.runner === 'drizzle' && isCommit(stmt) && !outside) {
      outside = stmt;
      if (session.mayCommit) {
        await control.keep();
        run.trace.note = "ends drizzle's transaction early, as drizzle-kit migrate runs it: what follows up to BEGIN runs outside the batch";
      } else notVerifiable(run.trace, 'runs outside the batch (COMMIT ends drizzle-kit\'s transaction early), not run here: verify never commits on a server you provide');
      continue;
    }
    if (options.runner === 'drizzle' && isBegin(stmt) && outside) {
      outside = undefined;
      if (session.mayCommit) {
        await control.begin();
        existing = await snapshot(session);
        run.trace.note = 'starts a new transaction for the rest of the batch, as drizzle-kit migrate runs it';
      } else notVerifiable(run.trace, 'runs outside the batch (BEGIN after an early COMMIT), not run here');
      continue;
    }
    if (outside) {
      if (!session.mayCommit) {
        notVerifiable(run.trace, `runs outside the batch (after the COMMIT at ${outside.location.line}:${outside.location.column}), not run here`);
        continue;
      }
      const failure = await runAlone(session, run, options, `ran outside the batch's transaction (after the COMMIT at ${outside.location.line}:${outside.location.column}), as drizzle-kit migrate runs it: its locks end with it`);
      if (failure) {
        failed = { file, run, ...failure, notRun: 0 };
        out.failures.push(failed);
      }
      continue;
    }
    const failure = await runStatement(session, control, run, options, existing, own, topLevel);
    if (failure) {
      failed = { file, run, ...failure, notRun: 0 };
      out.failures.push(failed);
    } else if (perStatement) {
      await control.keep();
      await control.begin();
      existing = await snapshot(session);
    }
  }
  // A batch that ends inside the escape hatch: drizzle's final COMMIT has no transaction to end.
  if (outside && session.mayCommit) await control.begin();
  await (failed ? control.discard() : control.keep());
  if (!failed) return;
  if (session.lost?.()) return;
  if (session.mayCommit) await reapplyFailedUnit(session, files, out.historyProblems);
  else options.halted = `not run: the batch failed at ${where(failed.run.statement)}; drizzle-kit migrate stops there, and verify never replays a failed batch on a server`;
}

function markNotRun(trace: StatementTrace, note: string): void {
  trace.status = 'not-run';
  trace.note = note;
}

/**
 * drizzle-kit stops at a failed batch; on PGlite verify goes on so that the later migrations are
 * observed too, on the schema they were written for: the batch is applied again to emptied tables
 * (the rows are verify's own samples), one statement at a time, so that failures caused by existing
 * rows, new enum values or CONCURRENTLY do not recur. Never on a server.
 */
async function reapplyFailedUnit(session: Session, files: FileRun[], problems: string[]): Promise<void> {
  await session.exec(EMPTY_USER_TABLES);
  for (const f of files) {
    for (const stmt of runnable(f.parsed)) {
      if (isTransactionControl(stmt)) continue;
      try {
        await session.exec(stmt.text);
      } catch (e) {
        if (!isPgError(e)) throw e;
        problems.push(`the failed batch re-applied ${where(stmt)}: ${e.code} ${e.message}`);
      }
    }
  }
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

/**
 * Observes one statement. Returns the error when the migration fails here. Each statement runs in
 * a savepoint, so that one verify cannot reproduce (a missing extension, a lock held by another
 * session) does not end the unit, except in a unit that needs the top level (see needsTopLevel).
 */
async function runStatement(
  session: Session,
  control: UnitControl,
  run: StatementRun,
  options: RunOptions,
  existing: Snapshot,
  own: Set<string>,
  topLevel: boolean,
): Promise<FailureAt | undefined> {
  const { statement: stmt, trace } = run;
  const refused = await refusal(session, stmt);
  if (refused) {
    if (setsSplittingSetting(stmt) && !session.mayCommit) options.halted = `not run: ${where(stmt)} would change ${setsSplittingSetting(stmt)}, so the rest of the text may not be split as Postgres reads it`;
    return notVerifiable(trace, refused);
  }
  const ext = createdExtension(stmt);
  if (ext && options.missingExtensions.has(ext)) {
    options.skippedForExtension = true;
    return notVerifiable(trace, `extension "${ext}" is not available in PGlite: this statement and the ones that use it are not verifiable`);
  }
  const before = await snapshot(session);
  const t0 = performance.now();
  const observe = async () => {
    await session.exec(stmt.text);
    const observed = diff(before, await snapshot(session), performance.now() - t0, existing);
    if (observed.held) {
      const held = observed.held.filter((h) => !own.has(`${h.relation}/${h.mode}`));
      if (held.length) observed.held = held;
      else delete observed.held;
    }
    trace.observed = observed;
  };
  try {
    if (topLevel) await observe();
    else await inSavepoint(session, 'verify_stmt', observe);
  } catch (e) {
    if (!isPgError(e)) throw e;
    const error = observedError(e);
    trace.observed = failedObservation(error, t0);
    if (e.code === '25001' && options.runner !== 'drizzle' && !topLevel) return runOutsideTransaction(session, control, run, error, options);
    const missingObject = MISSING_OBJECT_CODES.has(error.code) || (options.skippedForExtension && DEPENDENT_OBJECT_CODES.has(error.code));
    const tolerated = options.missingExtensions.size && missingObject;
    if (tolerated) options.skippedForExtension = true;
    if (tolerated && !topLevel) {
      return notVerifiable(trace, `probably needs extension ${[...options.missingExtensions].map((x) => `"${x}"`).join(', ')}, which PGlite does not ship (${error.code}: ${error.message})`);
    }
    if (error.code === '55P03' && !session.mayCommit) {
      trace.status = 'not-verifiable';
      trace.note = `waited more than ${options.lockTimeout ?? SERVER_LOCK_TIMEOUT} (--lock-timeout) for a lock another session holds on this server (${error.message})`;
      if (!topLevel) return undefined;
    }
    if (error.code === '57014' && !session.mayCommit) {
      trace.note = 'cancelled by --statement-timeout: it ran longer than verify allows on a server';
    }
    if (session.lost?.()) {
      trace.note = `ran longer than --statement-timeout: ${PGLITE_STOPPED}, and nothing after it was run`;
      options.halted = PGLITE_LOST;
    }
    if (trace.status !== 'not-verifiable') trace.status = 'failed';
    return { error, location: errorLocation(stmt, e.position) };
  }
  await afterStatement(session, stmt, options);
  return undefined;
}

/** A statement outside any transaction (PGlite only): after an early COMMIT in a drizzle batch. */
async function runAlone(session: Session, run: StatementRun, options: RunOptions, note: string): Promise<FailureAt | undefined> {
  const { statement: stmt, trace } = run;
  const ext = createdExtension(stmt);
  if (ext && options.missingExtensions.has(ext)) return notVerifiable(trace, `extension "${ext}" is not available in PGlite: not verifiable`);
  const before = await snapshot(session);
  const t0 = performance.now();
  try {
    await session.exec(stmt.text);
    trace.observed = diff(before, await snapshot(session), performance.now() - t0);
    trace.note = note;
  } catch (e) {
    if (!isPgError(e)) throw e;
    const error = observedError(e);
    trace.observed = failedObservation(error, t0);
    trace.status = 'failed';
    return { error, location: errorLocation(stmt, e.position) };
  }
  await afterStatement(session, stmt, options);
  return undefined;
}

/**
 * With runner `per-file` or `none`, a statement that cannot run in a transaction block (CREATE INDEX
 * CONCURRENTLY, VACUUM …) runs on its own. On PGlite it runs to completion; its locks are gone by
 * then, so only storage changes are seen. On a server the user provides it is not run at all.
 */
async function runOutsideTransaction(session: Session, control: UnitControl, run: StatementRun, inTransactionError: ObservedError, options: RunOptions): Promise<FailureAt | undefined> {
  const { trace } = run;
  if (!session.mayCommit) {
    return notVerifiable(trace, 'cannot run inside a transaction block, and verify never commits on a server you provide');
  }
  await control.keep();
  try {
    return await runAlone(session, run, options, `ran outside a transaction (${inTransactionError.code} inside one): its locks are released when it ends, so they cannot be observed`);
  } finally {
    await control.begin();
  }
}
