import { statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { findDrizzleConfig, readDrizzleConfig } from '../project/drizzle-config.js';

export interface DatabaseUrlSource {
  url: string;
  /** Where it came from, for messages: never the URL itself. */
  from: '--database-url' | 'MIGRATION_LINT_DATABASE_URL' | string;
}

/**
 * The database to look at: `--database-url`, else the environment's MIGRATION_LINT_DATABASE_URL,
 * else drizzle.config's `dbCredentials.url` when it is written as a literal (the config is read,
 * never executed, so `process.env.DATABASE_URL` there is unknown).
 */
export function resolveDatabaseUrl(flag: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): DatabaseUrlSource | undefined {
  if (flag) return { url: flag, from: '--database-url' };
  if (env.MIGRATION_LINT_DATABASE_URL) return { url: env.MIGRATION_LINT_DATABASE_URL, from: 'MIGRATION_LINT_DATABASE_URL' };
  const config = findDrizzleConfig(cwd);
  if (!config) return undefined;
  try {
    const url = readDrizzleConfig(config).databaseUrl;
    return url ? { url, from: `${config.slice(cwd.length + 1) || config} dbCredentials.url` } : undefined;
  } catch {
    return undefined;
  }
}

/** Query parameters of a connection URL that name files node-postgres reads when it connects. */
const FILE_PARAMETERS = ['sslrootcert', 'sslcert', 'sslkey'];

/**
 * The one check of a database URL, run before anything connects (by the commands, early, and by
 * every connection: connectReadOnly, verify's connectServer), so that a typo is one line naming the option
 * (node-postgres reports a URL it cannot parse as "Invalid URL", and a missing certificate as an
 * ENOENT from deep inside the connection). The URL itself is never printed: it may hold a password.
 */
export function checkDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('--database-url: not a valid URL; expected postgres://user:password@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`--database-url: the scheme is ${parsed.protocol.replace(/:$/, '')}; expected postgres://user:password@host:port/database`);
  }
  for (const name of FILE_PARAMETERS) {
    const file = parsed.searchParams.get(name);
    if (!file) continue;
    let problem: string | undefined;
    try {
      if (!statSync(file).isFile()) problem = 'not a file';
    } catch (e) {
      problem = `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
    if (problem) throw new UsageError(`--database-url: ${name} ${file}: ${problem}`);
  }
}
