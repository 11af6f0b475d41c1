import { connect as netConnect } from 'node:net';
import { UsageError } from '../errors.js';
import type { Session } from './database.js';
import { redactText, redactUrl } from '../db/redact.js';
import { checkDatabaseUrl } from '../db/database-url.js';
import { VerifyInterrupted } from './stops.js';

export { redactUrl };

/** Bounds of verify's session on a server (`--statement-timeout`, `--lock-timeout`). */
export interface ServerLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = { statementTimeoutMs: 60_000, lockTimeoutMs: 5_000 };

/** How long past statement_timeout the client waits before it cancels itself (a migration may SET statement_timeout = 0). */
const CLIENT_GRACE_MS = 2_000;

/** The part of node-postgres's Client that verify uses (its fields for the cancel request included). */
interface PgClient {
  connect(): Promise<void>;
  query(config: { text: string; values?: unknown[]; queryMode?: 'extended' }): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (e: Error) => void): void;
  processID: number | null;
  secretKey: number | null;
  host: string;
  port: number;
}

/**
 * Asks the server to cancel what a backend is running: the protocol's CancelRequest (16 bytes on a
 * new connection, no authentication), as psql's Ctrl-C does.
 */
function sendCancel(client: PgClient): Promise<void> {
  return new Promise((resolve) => {
    if (client.processID === null || client.secretKey === null) return resolve();
    const socket = client.host.startsWith('/') ? netConnect(`${client.host}/.s.PGSQL.${client.port}`) : netConnect(client.port, client.host);
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(5_000, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      const msg = Buffer.alloc(16);
      msg.writeInt32BE(16, 0);
      msg.writeInt32BE(80877102, 4);
      msg.writeInt32BE(client.processID!, 8);
      msg.writeInt32BE(client.secretKey!, 12);
      socket.end(msg);
    });
  });
}

/**
 * Connects to a server the user provides (`--database-url`). Everything verify does there happens
 * inside one transaction that is rolled back: `mayCommit` is false. Every statement is sent alone
 * with the extended protocol, each round trip is bounded by a client-side timer, and a failure
 * anywhere in the setup closes the connection (an open socket would keep the process alive).
 */
export async function connectServer(url: string, limits: ServerLimits = DEFAULT_LIMITS): Promise<Session> {
  checkDatabaseUrl(url);
  let pg: typeof import('pg');
  try {
    pg = (await import('pg')).default as unknown as typeof import('pg');
  } catch (e) {
    throw new UsageError(`--database-url needs the "pg" package (${(e as Error).message})`);
  }
  let client: PgClient;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'drizzle-migration-lint verify' }) as unknown as PgClient;
  } catch (e) {
    throw new UsageError(`--database-url ${redactUrl(url)}: ${redactText((e as Error).message, url)}`);
  }
  // A server that drops the connection must not crash the process with an unhandled 'error' event.
  client.on('error', () => undefined);
  let interrupted: string | undefined;
  /** After an interrupt, the ROLLBACK went out: the sequences may be put back. */
  let rolledBack = false;
  let running = false;
  const call = async <T>(text: string, values?: unknown[]): Promise<T[]> => {
    // After an interrupt only the final ROLLBACK still goes out (then what endServerTransaction puts back).
    if (interrupted && !rolledBack && text !== 'ROLLBACK') throw new VerifyInterrupted(interrupted);
    running = true;
    const timer = setTimeout(() => void sendCancel(client), limits.statementTimeoutMs + CLIENT_GRACE_MS);
    try {
      const rows = (await client.query({ text, values, queryMode: 'extended' })).rows as T[];
      if (interrupted && text === 'ROLLBACK') rolledBack = true;
      return rows;
    } catch (e) {
      if (interrupted && !rolledBack && text !== 'ROLLBACK') throw new VerifyInterrupted(interrupted);
      throw e;
    } finally {
      running = false;
      clearTimeout(timer);
    }
  };
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const err = e as NodeJS.ErrnoException & { code?: string };
    throw new UsageError(`cannot connect to ${redactUrl(url)}: ${redactText(err.message || err.code || 'connection failed', url)}`);
  }
  try {
    // Ours override whatever the URL's `options` set (a statement_timeout of 1 ms there made the
    // first query fail, and the open connection kept the process waiting forever).
    await call(`SET statement_timeout = ${limits.statementTimeoutMs}`);
    await call(`SET lock_timeout = ${limits.lockTimeoutMs}`);
    const version = (await call<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]?.v ?? '?';
    return {
      engine: `PostgreSQL ${version} at ${redactUrl(url)}`,
      serverVersion: version,
      mayCommit: false,
      exec: async (sql) => {
        await call(sql);
      },
      query: (sql, params) => call(sql, params),
      close: () => client.end(),
      interrupt: (signal) => {
        if (interrupted) return;
        interrupted = signal;
        if (running) void sendCancel(client);
      },
    };
  } catch (e) {
    await client.end().catch(() => undefined);
    const err = e as Error & { code?: string };
    throw new UsageError(`${redactUrl(url)}: could not set up verify's session: ${redactText(err.message, url)}${err.code ? ` (${err.code})` : ''}`);
  }
}
