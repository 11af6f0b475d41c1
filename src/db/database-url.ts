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
