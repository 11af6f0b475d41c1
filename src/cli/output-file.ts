import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
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
  const target = realTarget(resolve(path));
  if (target.toLowerCase().endsWith('.sql')) throw new UsageError(`--output-file ${path}: refusing to write a report to a .sql file`);
  for (const folder of folders) {
    if (existsSync(folder.dir) && inside(realpathSync(folder.dir), target)) {
      throw new UsageError(`--output-file ${path}: refusing to write a report into the migrations folder ${displayPath(folder.dir, process.cwd())}`);
    }
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, report);
  } catch (e) {
    throw new UsageError(`--output-file ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
