import { lintProject, type LintOptions } from '../app/lint-project.js';
import type { MigrationReader } from '../app/migration-reader.js';
import { ruleDocsUrl } from '../app/docs-links.js';
import { createMessage } from '../linter/lint-folder.js';
import { assemble, type LintResult } from '../linter/result.js';
import type { Severity } from '../rules/types.js';
import { resolveSeverities } from '../linter/severities.js';
import { markSuppressed } from '../linter/suppressions.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import { hintForCode, messages, migrationFails } from '../rules/migration-fails.js';
import { RULES } from '../rules/index.js';
import type { ParsedFile } from '../sql/parse-file.js';
import type { Session } from './database.js';
import { checkClaims } from './claims.js';
import { createStubRoles, extensionsCreated, rolesReferenced } from './engine-gaps.js';
import { verifyFolder, type Failure, type FolderVerify } from './run.js';
import { beginServerTransaction, endServerTransaction, type ServerTransaction } from './server-transaction.js';
import { DEFAULT_LIMITS } from './server-session.js';
import { onSignals } from './signals.js';
import type { VerifyFileResult, VerifyInfo, VerifyMessage, VerifyResult } from './types.js';

export interface VerifyOptions extends LintOptions {
  /** A server to verify on instead of embedded PGlite; everything there is rolled back. */
  databaseUrl?: string;
  /** Progress and timings for --verbose. */
  log?: (line: string) => void;
  /** Bounds of verify's session on a server (--statement-timeout, --lock-timeout), in ms. */
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
}

export interface VerifyRun {
  result: VerifyResult;
  timings: Record<string, number>;
  /** The lint run's reader: code frames of the report come from it. */
  reader: MigrationReader;
}

const RULE_ID = migrationFails.id;

/** SQLSTATE classes 22 (data exception) and 23 (integrity violation) depend on the rows present. */
const DATA_DEPENDENT = /^2[23]/;

const HISTORY_IN_TRANSACTION =
  'The earlier migrations were replayed inside the rolled-back transaction (the database has no drizzle.__drizzle_migrations record of them). ' +
  'Locks they took stay held until the end, so a later statement does not show the same lock again on the tables they created. ' +
  'For a complete trace, point --database-url at a database where they are applied.';

const BATCHES_IN_ONE_TRANSACTION =
  'Several pending batches ran in the one transaction verify keeps open on this server: a lock an earlier batch took on a table is not shown again for a later batch. ' +
  'Verify one batch at a time (name its file, or use --since) for a complete trace.';

/**
 * `verify`: lints, then applies the migrations to a real Postgres (PGlite unless a database URL is
 * given), observes every pending statement and merges what it saw into the lint result.
 */
export async function verifyProject(options: VerifyOptions): Promise<VerifyRun> {
  const t0 = performance.now();
  const log = options.log ?? (() => undefined);
  const lint = await lintProject({ ...options, keepParsed: true });
  const { cwd } = lint;
  // The files the lint parsed, kept by its reader; a history it restored from its cache is read and parsed now.
  const parsed = new Map<string, ParsedFile>();
  for (const folder of lint.folders) for (const f of folder.files) parsed.set(f.path, lint.reader.required(f.path));
  const allStatements = [...parsed.values()].flatMap((p) => p.statements);

  const tStart = performance.now();
  let session: Session;
  let missing: string[] = [];
  const limits = { statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_LIMITS.statementTimeoutMs, lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LIMITS.lockTimeoutMs };
  if (options.databaseUrl) {
    const { connectServer } = await import('./server-session.js');
    session = await connectServer(options.databaseUrl, limits);
    log(`verify: statement_timeout ${limits.statementTimeoutMs} ms, lock_timeout ${limits.lockTimeoutMs} ms (--statement-timeout, --lock-timeout)`);
  } else {
    const { startPgliteWorker } = await import('./pglite-session.js');
    ({ session, missing } = await startPgliteWorker(extensionsCreated(allStatements), limits.statementTimeoutMs));
    log(`verify: statement timeout ${limits.statementTimeoutMs} ms (--statement-timeout)`);
  }
  const startupMs = Math.round(performance.now() - tStart);
  log(`verify: ${session.engine} ready in ${startupMs} ms`);

  const outcomes: FolderVerify[] = [];
  let stubRoles: string[] = [];
  let tx: ServerTransaction | undefined;
  // Ctrl-C / SIGTERM cancel the running statement; the finally below rolls back and closes.
  const signals = session.interrupt ? onSignals((signal) => session.interrupt!(signal)) : undefined;
  try {
    if (session.mayCommit) stubRoles = await createStubRoles(session, rolesReferenced(allStatements));
    else tx = await beginServerTransaction(session);
    for (const [i, folder] of lint.folders.entries()) {
      if (i > 0) {
        if (tx) {
          // Each folder starts from the database as it was: a new transaction, no savepoint around the batch.
          await endServerTransaction(session, tx);
          tx = await beginServerTransaction(session);
        } else await resetDatabase(session);
      }
      const t = performance.now();
      outcomes.push(await verifyFolder(session, folder, parsed, {
        runner: lint.config.runner,
        missingExtensions: new Set(missing),
        server: tx,
        lockTimeout: `${limits.lockTimeoutMs} ms`,
        pendingFromServer: !folder.base,
      }));
      log(`verify: ${displayPath(folder.dir, cwd)} replayed and observed in ${Math.round(performance.now() - t)} ms`);
    }
  } finally {
    // On a server nothing is ever committed: the whole run is one transaction, rolled back here.
    if (!session.mayCommit) await endServerTransaction(session, tx).catch(() => undefined);
    await session.close().catch(() => undefined);
    signals?.remove();
  }

  const severity = resolveSeverities(RULES, lint.config.preset, lint.config.rules, options.rules).get(RULE_ID);
  const files = merge(lint.result, outcomes, severity, session.engine);
  const info: VerifyInfo = {
    engine: session.engine,
    serverVersion: session.serverVersion,
    startupMs,
    totalMs: Math.round(performance.now() - t0),
    unfilledTables: outcomes.flatMap((o) => [...o.unfilled].map(([table, reason]) => ({ table, reason }))),
    filledTables: outcomes.reduce((n, o) => n + o.filledTables, 0),
    missingExtensions: missing,
    stubRoles,
    historyProblems: outcomes.flatMap((o) => o.historyProblems),
    runner: lint.config.runner,
    notes: [
      ...(outcomes.some((o) => o.historyReplayedInTransaction) ? [HISTORY_IN_TRANSACTION] : []),
      ...(!session.mayCommit && outcomes.some((o) => o.units > 1) ? [BATCHES_IN_ONE_TRANSACTION] : []),
    ],
  };
  // assemble keeps each file's own fields (the trace) and sorts the verify findings in with the lint's.
  const result: VerifyResult = { ...(assemble(files, lint.result.summary.statements) as VerifyResult), verify: info };
  return { result, timings: { ...lint.timings, startup: startupMs, total: info.totalMs }, reader: lint.reader };
}

/** One session serves every folder of a run: start each folder from the database as it was. */
async function resetDatabase(session: Session): Promise<void> {
  await session.exec(`DO $$ DECLARE s text; BEGIN
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
      EXECUTE format('DROP SCHEMA %I CASCADE', s);
    END LOOP;
    CREATE SCHEMA public; END $$`);
}

/** Adds traces, observed facts and `migration-fails` findings to the lint result's files. */
function merge(lint: LintResult, outcomes: FolderVerify[], severity: Severity | undefined, engine: string): VerifyFileResult[] {
  const byPath = new Map<string, VerifyFileResult>(lint.results.map((r) => [r.filePath, { ...r, messages: [...r.messages] }]));
  for (const outcome of outcomes) {
    for (const run of outcome.files) {
      const path = run.parsed.file.path;
      const file = byPath.get(path) ?? { filePath: path, messages: [] };
      byPath.set(path, file);
      file.trace = run.statements.map((s) => s.trace);
      for (const m of file.messages) {
        const at = run.parsed.file.offset(m.line, m.column);
        const owner = run.statements.find((s) => at >= s.statement.start && at <= s.statement.end)
          // A finding inside a DO body belongs to the DO statement that runs it.
          ?? run.statements.find((s) => s.statement.doBlock === undefined && at >= s.statement.start && at <= s.statement.end);
        if (owner) checkClaims(m, owner.trace);
      }
    }
    if (!severity) continue;
    for (const f of outcome.failures) {
      const later = outcome.files.slice(outcome.files.indexOf(f.file) + 1).some((r) => r.file.batch !== f.file.file.batch);
      const failure = failureMessage(f, severity, engine, later);
      // The lint run already applied the file's comments to the static findings; now to this one.
      markSuppressed(f.file.parsed, [failure]);
      byPath.get(f.file.parsed.file.path)!.messages.push(failure);
    }
  }
  return [...byPath.values()];
}

function failureMessage(f: Failure, severity: Severity, engine: string, laterMigrations: boolean): VerifyMessage {
  const { error } = f;
  const message =
    messages.fails({ engine, dataDependent: DATA_DEPENDENT.test(error.code), code: error.code, error: error.message, detail: error.detail }) +
    (f.notRun ? messages.notObserved({ count: f.notRun }) : '') +
    (laterMigrations ? messages.laterMigrations() : '');
  return {
    ...createMessage(RULE_ID, severity, f.location, { message, hint: error.hint ?? hintForCode(error.code) }, ruleDocsUrl(RULE_ID), f.run.trace.statement),
    observed: f.run.trace.observed,
    verified: true,
  };
}
