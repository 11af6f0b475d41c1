import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Io } from './io.js';
import { lintOptionsFromFlags, oneOf, type LintFlags } from './flags.js';
import { formatResult } from './report.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import type { MigrationFolder } from '../migrations/types.js';

/** Formats that report findings (as lint has them); `text` prints the SQL itself. */
export const DOWN_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;

export interface DownFlags extends Pick<LintFlags, 'format' | 'config' | 'dir' | 'since' | 'baseline' | 'color'> {
  out?: string;
  force?: boolean;
  intoMigrationsFolder?: boolean;
}

/**
 * `drizzle-migration-lint down [tags…]`: prints (or writes with --out) the SQL that reverses the
 * chosen migrations. Exit 1 when part of it cannot be reversed, 0 when all of it can, 2 on errors.
 */
export async function runDown(tags: string[], flags: DownFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, DOWN_FORMATS) ?? 'text';
  if (flags.force && !flags.out) throw new UsageError('--force only applies with --out <file>');
  const options = lintOptionsFromFlags([], flags);
  const { downProject } = await import('../down/down-project.js');
  const { renderDown } = await import('../down/render.js');
  const run = await downProject({ ...options, tags });
  for (const e of run.inputErrors) io.err(`drizzle-migration-lint: ${e.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  if (run.inputErrors.length) return EXIT_USAGE;
  if (run.nothing) {
    io.err(`drizzle-migration-lint: ${run.nothing}\n`);
    if (format !== 'text') io.out(await formatResult(run.result, format, flags, run.reader));
    return EXIT_CLEAN;
  }
  const sql = renderDown(run);
  if (flags.out) writeDown(flags.out, sql, run.folders, flags);
  if (format === 'json') {
    const down = { sql, migrations: run.migrations.map((m) => ({ filePath: m.path, tag: m.file.tag, hash: m.hash })), ...(flags.out ? { out: flags.out } : {}) };
    io.out(JSON.stringify({ ...run.result, down }, null, 2) + '\n');
  } else if (format !== 'text') {
    io.out(await formatResult(run.result, format, flags, run.reader));
  } else if (flags.out) {
    const { errors, warnings } = run.result.summary;
    io.out(await formatResult(run.result, 'text', flags, run.reader));
    io.err(`drizzle-migration-lint: wrote ${flags.out}: reverses ${run.migrations.map((m) => m.file.tag).join(', ')}${errors ? `; ${errors} part${errors === 1 ? '' : 's'} cannot be reversed` : ''}${warnings ? `; ${warnings} may fail on data` : ''}\n`);
  } else {
    io.out(sql);
  }
  return run.result.summary.errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

const inside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
};

/** Writes the down file: never into a migrations folder unless asked (drizzle would take it for a migration), never over a file without --force. */
function writeDown(path: string, sql: string, folders: readonly MigrationFolder[], flags: DownFlags): void {
  const target = resolve(path);
  const real = existsSync(dirname(target)) ? resolve(realpathSync(dirname(target)), target.slice(dirname(target).length + 1)) : target;
  if (!flags.intoMigrationsFolder) {
    for (const folder of folders) {
      if (existsSync(folder.dir) && inside(realpathSync(folder.dir), real)) {
        throw new UsageError(`--out ${path}: refusing to write into the migrations folder ${displayPath(folder.dir, process.cwd())} (drizzle-kit would take it for a migration); add --into-migrations-folder if that is what you want`);
      }
    }
  }
  if (existsSync(real) && !flags.force) throw new UsageError(`--out ${path}: the file exists; add --force to replace it`);
  try {
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(real, sql);
  } catch (e) {
    throw new UsageError(`--out ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
