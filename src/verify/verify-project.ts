import { readFileSync } from 'node:fs';
import { assemble, lintProject, type LintOptions } from '../engine/lint.js';
import type { FileResult, LintResult, Message } from '../engine/result.js';
import { resolveSeverities } from '../engine/severities.js';
import { markSuppressed } from '../engine/suppressions.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../project/display-path.js';
import { docsUrl } from '../rules/docs-url.js';
import { hintForCode, messages, migrationFails } from '../rules/migration-fails.js';
import { RULES } from '../rules/index.js';
import { parseMigration, type ParsedFile } from '../sql/parse-file.js';
import type { Session } from './database.js';
import { checkClaims } from './claims.js';
import { createStubRoles, extensionsCreated, rolesReferenced } from './engine-gaps.js';
import { SERVER_LOCK_TIMEOUT, verifyFolder, type Failure, type FolderVerify } from './run.js';
import type { VerifyInfo } from './types.js';

export interface VerifyOptions extends LintOptions {
  /** A server to verify on instead of embedded PGlite; everything there is rolled back. */
  databaseUrl?: string;
  /** Progress and timings for --verbose. */
  log?: (line: string) => void;
}

export interface VerifyRun {
  result: LintResult;
  timings: Record<string, number>;
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
  const parsed = new Map<string, ParsedFile>();
  const lint = await lintProject(options, { parsed });
  const cwd = process.cwd();
  // The lint parsed the files it linted; a history it restored from its cache is parsed here.
  for (const folder of lint.folders) {
    for (const f of folder.files) if (!parsed.has(f.path)) parsed.set(f.path, parseMigration(displayPath(f.path, options.cwd ?? cwd), readText(f.path, cwd)));
  }
  const allStatements = [...parsed.values()].flatMap((p) => p.statements);

  const tStart = performance.now();
  let session: Session;
  let missing: string[] = [];
  if (options.databaseUrl) {
    const { connectServer } = await import('./server-session.js');
    session = await connectServer(options.databaseUrl);
  } else {
    const { startPglite } = await import('./pglite-session.js');
    ({ session, missing } = await startPglite(extensionsCreated(allStatements)));
  }
  const startupMs = Math.round(performance.now() - tStart);
  log(`verify: ${session.engine} ready in ${startupMs} ms`);

  const outcomes: FolderVerify[] = [];
  let stubRoles: string[] = [];
  try {
    if (session.mayCommit) stubRoles = await createStubRoles(session, rolesReferenced(allStatements));
    else await beginServerTransaction(session);
    for (const [i, folder] of lint.folders.entries()) {
      if (i > 0) await resetDatabase(session);
      else if (!session.mayCommit) await session.exec('SAVEPOINT verify_folder');
      const t = performance.now();
      outcomes.push(await verifyFolder(session, folder, parsed, { runner: lint.config.runner, missingExtensions: new Set(missing) }));
      log(`verify: ${displayPath(folder.dir, cwd)} replayed and observed in ${Math.round(performance.now() - t)} ms`);
    }
  } finally {
    // On a server nothing is ever committed: the whole run is one transaction, rolled back here.
    if (!session.mayCommit) await session.exec('ROLLBACK').catch(() => undefined);
    await session.close().catch(() => undefined);
  }

  const severity = resolveSeverities(RULES, lint.config.preset, lint.config.rules, options.rules).get(RULE_ID);
  const files = merge(lint.result, outcomes, severity, session.engine);
  const result = assemble(files, lint.result.summary.statements);
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
    notes: [
      ...(outcomes.some((o) => o.historyReplayedInTransaction) ? [HISTORY_IN_TRANSACTION] : []),
      ...(!session.mayCommit && outcomes.some((o) => o.units > 1) ? [BATCHES_IN_ONE_TRANSACTION] : []),
    ],
  };
  result.verify = info;
  return { result, timings: { ...lint.timings, startup: startupMs, total: info.totalMs } };
}

function readText(path: string, cwd: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${displayPath(path, cwd)}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

async function beginServerTransaction(session: Session): Promise<void> {
  await session.exec('BEGIN');
  // Set before any savepoint, so that no rollback of one undoes it.
  await session.exec(`SET LOCAL lock_timeout = '${SERVER_LOCK_TIMEOUT}'`);
  const [{ ok, replica }] = await session.query<{ ok: boolean; replica: boolean }>(
    "SELECT has_database_privilege(current_database(), 'CREATE') OR COALESCE(has_schema_privilege(current_schema(), 'CREATE'), false) AS ok, pg_is_in_recovery() AS replica",
  );
  if (replica) throw new UsageError('--database-url points at a read-only replica; verify needs a primary (a scratch database or a branch)');
  if (!ok) throw new UsageError('--database-url: this role cannot create objects in the database; verify needs a role that can run the migrations (on a scratch database or a branch)');
}

/** One session serves every folder of a run: start each folder from the database as it was. */
async function resetDatabase(session: Session): Promise<void> {
  if (!session.mayCommit) return session.exec('ROLLBACK TO SAVEPOINT verify_folder');
  await session.exec(`DO $$ DECLARE s text; BEGIN
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
      EXECUTE format('DROP SCHEMA %I CASCADE', s);
    END LOOP;
    CREATE SCHEMA public; END $$`);
}

/** Adds traces, observed facts and `migration-fails` findings to the lint result's files. */
function merge(lint: LintResult, outcomes: FolderVerify[], severity: Message['severity'] | undefined, engine: string): FileResult[] {
  const byPath = new Map(lint.results.map((r) => [r.filePath, { ...r, messages: [...r.messages] }]));
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

function failureMessage(f: Failure, severity: Message['severity'], engine: string, laterMigrations: boolean): Message {
  const { error } = f;
  const message =
    messages.fails({ engine, dataDependent: DATA_DEPENDENT.test(error.code), code: error.code, error: error.message, detail: error.detail }) +
    (f.notRun ? messages.notObserved({ count: f.notRun }) : '') +
    (laterMigrations ? messages.laterMigrations() : '');
  return {
    ruleId: RULE_ID,
    severity,
    message,
    hint: error.hint ?? hintForCode(error.code),
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    statement: f.run.trace.statement,
    suppressed: false,
    docsUrl: docsUrl(RULE_ID),
    observed: f.run.trace.observed,
    verified: true,
  };
}
