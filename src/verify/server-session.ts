import { UsageError } from '../errors.js';
import type { Session } from './database.js';

/** Hides the password when a URL is shown in a message. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Connects to a server the user provides (`--database-url`). Everything verify does there happens
 * inside one transaction that is rolled back: `mayCommit` is false.
 */
export async function connectServer(url: string): Promise<Session> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--database-url ${redactUrl(url)}: expected postgres://user:password@host:port/database`);
  let pg: typeof import('pg');
  try {
    pg = (await import('pg')).default as unknown as typeof import('pg');
  } catch (e) {
    throw new UsageError(`--database-url needs the "pg" package (${(e as Error).message})`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'drizzle-migration-lint verify' });
  // A server that drops the connection must not crash the process with an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { code?: string };
    throw new UsageError(`cannot connect to ${redactUrl(url)}: ${err.message || err.code || 'connection failed'}`);
  }
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  return {
    engine: `PostgreSQL ${version} at ${redactUrl(url)}`,
    serverVersion: version,
    mayCommit: false,
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
