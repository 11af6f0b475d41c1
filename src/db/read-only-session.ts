import { UsageError } from '../errors.js';
import type { Session } from './session.js';
import { redactUrl } from './redact.js';
import { checkDatabaseUrl } from './database-url.js';

export interface ReadOnlyOptions {
  /** Shown as application_name in pg_stat_activity. */
  application: string;
  connectTimeoutMs?: number;
  /** Per statement: a catalog read that takes longer is stuck behind a lock, not slow. */
  statementTimeoutMs?: number;
  /** Called on Ctrl-C after the query was cancelled and the connection closed (default: exit 130). */
  onInterrupt?: () => void;
}

/**
 * Opens a connection to a server for looking only: everything runs inside `BEGIN READ ONLY`
 * (Postgres refuses any write in it, 25006), the transaction is rolled back on close, connect and
 * statement timeouts are set, and Ctrl-C cancels the running query, closes the connection and exits
 * 130. Messages show the URL with its password hidden.
 */
export async function connectReadOnly(url: string, options: ReadOnlyOptions): Promise<Session> {
  const shown = redactUrl(url);
  checkDatabaseUrl(url);
  let pg: typeof import('pg');
  try {
    pg = (await import('pg')).default as unknown as typeof import('pg');
  } catch (e) {
    throw new UsageError(`a database URL needs the "pg" package (${(e as Error).message})`);
  }
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // Also bounds a query the server never answers (statement_timeout is the server's own clock).
    query_timeout: (options.statementTimeoutMs ?? 30_000) + 5_000,
    application_name: options.application,
  });
  // A server that drops the connection must not crash the process with an unhandled 'error' event.
  client.on('error', () => undefined);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    process.off('SIGINT', interrupt);
    try {
      await client.query('ROLLBACK');
    } catch {
      /* the connection is gone: nothing to roll back */
    }
    await client.end().catch(() => undefined);
  };
  const interrupt = () => {
    const pid = (client as unknown as { processID?: number }).processID;
    const done = () => (options.onInterrupt ?? (() => process.exit(130)))();
    const timer = setTimeout(done, 3_000);
    timer.unref();
    // pg has no cancel call on a Client: a second connection asks the server to cancel this backend.
    cancelBackend(pg, url, pid)
      .then(close)
      .finally(() => {
        clearTimeout(timer);
        done();
      });
  };
  process.once('SIGINT', interrupt);
  try {
    await client.connect();
  } catch (e) {
    process.off('SIGINT', interrupt);
    const err = e as NodeJS.ErrnoException & { code?: string };
    throw new UsageError(`cannot connect to ${shown}: ${(err.message || err.code || 'connection failed').split(url).join(shown)}`);
  }
  const fail = (e: unknown): never => {
    const err = e as Error & { code?: string };
    throw new UsageError(`${shown}: ${(err.message || String(e)).split(url).join(shown)}${err.code ? ` (${err.code})` : ''}`);
  };
  await client.query('BEGIN READ ONLY').catch(fail);
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v").catch(fail)).rows[0]?.v ?? '?';
  return {
    // server_version may carry the packager's suffix: `15.18 (Debian 15.18-0+deb12u1)`.
    engine: `PostgreSQL ${version.split(' ')[0]} at ${shown}`,
    serverVersion: version,
    mayCommit: false,
    exec: async (sql) => {
      await client.query(sql).catch(fail);
    },
    query: async <T>(sql: string, params?: unknown[]) => ((await client.query(sql, params).catch(fail)).rows as T[]),
    close,
  };
}

/** `pg_cancel_backend` from a second, short-lived connection; never throws. */
async function cancelBackend(pg: typeof import('pg'), url: string, pid: number | undefined): Promise<void> {
  if (!pid) return;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000, statement_timeout: 2_000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    /* the server is unreachable: closing the socket is all we can do */
  } finally {
    await c.end().catch(() => undefined);
  }
}
