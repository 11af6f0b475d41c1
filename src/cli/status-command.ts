import { UsageError } from '../errors.js';
import { checkDatabaseUrl } from '../db/database-url.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { oneOf } from './flags.js';
import { formatResult } from './report.js';
import { MigrationReader } from '../app/migration-reader.js';
import type { Io } from './io.js';

export const STATUS_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;

export interface DatabaseFlags {
  databaseUrl?: string;
  dir?: string;
  format?: string;
  color?: boolean;
}

/** The migrations folders, as lint finds them (arguments, --dir, drizzle.config's out, ./drizzle). */
export async function foldersFor(paths: string[], flags: DatabaseFlags, cwd: string) {
  const { findProject } = await import('../project/find-project.js');
  const { folders } = findProject({ paths, cwd, dir: flags.dir, runner: 'drizzle' });
  return folders;
}

export async function databaseUrlOrFail(flags: DatabaseFlags, cwd: string, command: string): Promise<string> {
  const { resolveDatabaseUrl } = await import('../db/database-url.js');
  const source = resolveDatabaseUrl(flags.databaseUrl, cwd);
  if (!source) {
    throw new UsageError(`${command} needs a database: pass --database-url, set MIGRATION_LINT_DATABASE_URL, or write dbCredentials.url as a literal in drizzle.config`);
  }
  // The same one-line checks as verify (scheme, sslrootcert/sslcert/sslkey files), never echoing the URL.
  checkDatabaseUrl(source.url);
  return source.url;
}

/**
 * `drizzle-migration-lint status`: which migrations the database has applied, which are pending,
 * which drizzle will skip, which were edited after applying, and which are recorded but missing here.
 * Exit 0 in sync, 1 when anything is not applied, 2 on errors.
 */
export async function runStatus(paths: string[], flags: DatabaseFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, STATUS_FORMATS) ?? 'text';
  const cwd = process.cwd();
  const folders = await foldersFor(paths, flags, cwd);
  for (const f of folders) {
    if (f.layout === 'plain') throw new UsageError(`${f.dir}: no meta/_journal.json and no <timestamp>_<name>/migration.sql folders: drizzle's migrator cannot run this folder`);
  }
  const url = await databaseUrlOrFail(flags, cwd, 'status');
  const { connectReadOnly } = await import('../db/read-only-session.js');
  const { statusOfFolders } = await import('../status/status-project.js');
  const report = await import('../status/status-report.js');
  const session = await connectReadOnly(url, { application: 'drizzle-migration-lint status' });
  let statuses;
  try {
    statuses = await statusOfFolders(session, folders);
  } finally {
    await session.close();
  }
  if (format === 'text') io.out(report.formatStatusText(statuses, session.engine, cwd));
  else if (format === 'json') io.out(JSON.stringify(report.statusJson(statuses, session.engine, cwd), null, 2) + '\n');
  else io.out(await formatResult(report.statusFindings(statuses, cwd), format, { color: flags.color }, new MigrationReader({ cwd })));
  return statuses.every((s) => s.entries.every((e) => e.state === 'applied')) ? EXIT_CLEAN : EXIT_FINDINGS;
}
