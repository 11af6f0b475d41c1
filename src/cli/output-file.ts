import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, realpathSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { displayPath } from '../migrations/display-path.js';
import type { MigrationFolder } from '../migrations/types.js';
import { UsageError } from '../errors.js';

/** The path with symbolic links resolved as far as it exists (a new file's folder may already exist). */
function realTarget(path: string): string {
  let dir = path;
  const rest: string[] = [];
  while (!existsSync(dir) && dirname(dir) !== dir) {
    rest.unshift(basename(dir));
    dir = dirname(dir);
  }
  return resolve(realpathSync(dir), ...rest);
}

const inside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * Writes `--output-file`. The linter never changes a migration, so a report is not written over a
 * `.sql` file or anywhere inside a migrations folder it read (a typo such as `-o drizzle/0001_x.sql`
 * would otherwise replace the migration, or a report land where drizzle-kit reads).
 */
export function writeReport(path: string, report: string, folders: readonly MigrationFolder[]): void {
  // Not through a symbolic link, dangling or not: it can point anywhere (a migration, a file of
  // another user in a shared folder), and a dangling one would create its target.
  if (isSymbolicLink(resolve(path))) throw new UsageError(`--output-file ${path}: refusing to write a report through a symbolic link`);
  const target = realTarget(resolve(path));
  if (target.toLowerCase().endsWith('.sql')) throw new UsageError(`--output-file ${path}: refusing to write a report to a .sql file`);
  for (const folder of folders) {
    if (existsSync(folder.dir) && inside(realpathSync(folder.dir), target)) {
      throw new UsageError(`--output-file ${path}: refusing to write a report into the migrations folder ${displayPath(folder.dir, process.cwd())}`);
    }
  }
  // A migrations folder this run did not read (a file list, another package of a monorepo): one
  // with a drizzle-kit journal above the target.
  const journalled = migrationsFolderAbove(target);
  if (journalled) throw new UsageError(`--output-file ${path}: refusing to write a report into the migrations folder ${displayPath(journalled, process.cwd())}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    // O_NOFOLLOW: a link put in place since the check above still fails (ELOOP) instead of being followed.
    const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o666);
    try {
      writeSync(fd, report);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new UsageError(`--output-file ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The nearest existing folder at or above the target's folder that holds meta/_journal.json. */
function migrationsFolderAbove(target: string): string | undefined {
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'meta', '_journal.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
