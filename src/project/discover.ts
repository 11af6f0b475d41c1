import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { readJournal } from './journal.js';
import type { MigrationFile, MigrationFolder } from './types.js';

/** drizzle-kit 1.0 writes `<14-digit timestamp>_<name>/migration.sql`. */
const FOLDER_MIGRATION = /^\d{14}_.+/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'meta']);

/** The migrations folder a .sql file belongs to. */
export function folderOfFile(file: string): string {
  const dir = dirname(file);
  if (basename(file) === 'migration.sql' && FOLDER_MIGRATION.test(basename(dir))) return dirname(dir);
  return dir;
}

/** Where discovery records problems with single inputs that do not stop the run (one line each). */
export type InputErrors = string[];

function show(path: string, cwd: string): string {
  return relative(cwd, path) || path;
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function walkSql(dir: string, out: string[], ancestors: Set<string>, seen: Set<string>, cwd: string, errors?: InputErrors): void {
  let id: string;
  try {
    const st = statSync(dir);
    id = `${st.dev}:${st.ino}`;
  } catch (e) {
    return report(errors, `${show(dir, cwd)}: cannot read folder (${code(e)})`);
  }
  if (ancestors.has(id)) return report(errors, `${show(dir, cwd)}: symbolic link loop, not followed`);
  if (seen.has(id)) return; // reached again through another link
  seen.add(id);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    return report(errors, `${show(dir, cwd)}: cannot read folder (${code(e)})`);
  }
  ancestors.add(id);
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isDir(p))) {
      if (!SKIP_DIRS.has(e.name)) walkSql(p, out, ancestors, seen, cwd, errors);
    } else if (e.name.endsWith('.sql') && (e.isFile() || e.isSymbolicLink())) out.push(p);
  }
  ancestors.delete(id);
}

/** Records a problem, or without a collector stops the run with it. */
function report(errors: InputErrors | undefined, message: string): void {
  if (!errors) throw new UsageError(message);
  errors.push(message);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds the migrations folders behind the given files and folders. Every migration of a folder is
 * replayed (history), but only the ones named or found under a named folder are reported.
 */
export function discoverFolders(paths: string[], cwd: string, errors?: InputErrors): MigrationFolder[] {
  const reported = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`${p}: no such file or folder`);
    }
    if (st.isDirectory() && abs.endsWith('.sql')) report(errors, `${p}: is a folder, not a migration file`);
    else if (st.isDirectory()) {
      const found: string[] = [];
      walkSql(abs, found, new Set(), new Set(), cwd, errors);
      for (const f of found) reported.add(f);
    } else if (abs.endsWith('.sql')) reported.add(abs);
    else throw new UsageError(`${p}: not a .sql file or a folder`);
  }
  const byFolder = new Map<string, Set<string>>();
  for (const f of reported) {
    const dir = folderOfFile(f);
    if (!byFolder.has(dir)) byFolder.set(dir, new Set());
    byFolder.get(dir)!.add(f);
  }
  return [...byFolder.keys()].sort().map((dir) => loadFolder(dir, byFolder.get(dir)!, cwd, errors));
}

export function loadFolder(dir: string, report: Set<string>, cwd = process.cwd(), errors?: InputErrors): MigrationFolder {
  const journal = readJournal(dir, (path, problem) => errors?.push(`${show(path, cwd)}: ${problem}; migrations are ordered by file name`));
  const all: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    // Not a FIFO or socket: reading one would block.
    if (e.name.endsWith('.sql') && (e.isFile() || e.isSymbolicLink())) all.push(p);
    else if (FOLDER_MIGRATION.test(e.name) && isDir(p)) {
      const m = join(p, 'migration.sql');
      try {
        if (statSync(m).isFile()) all.push(m);
      } catch {
        /* a folder without migration.sql is a layout problem, not a crash */
      }
    }
  }
  for (const f of report) if (!all.includes(f)) all.push(f);
  const tagOf = (f: string) => (basename(f) === 'migration.sql' ? basename(dirname(f)) : basename(f, '.sql'));
  const order = new Map(journal?.entries.map((e, i) => [e.tag, i]) ?? []);
  all.sort((a, b) => {
    const oa = order.get(tagOf(a));
    const ob = order.get(tagOf(b));
    if (oa !== undefined && ob !== undefined) return oa - ob;
    if (oa !== undefined) return -1;
    if (ob !== undefined) return 1;
    return tagOf(a) < tagOf(b) ? -1 : tagOf(a) > tagOf(b) ? 1 : 0;
  });
  const files: MigrationFile[] = all.map((path, i) => ({ path, tag: tagOf(path), batch: i, report: report.has(path) }));
  const layout = journal ? 'journal' : files.some((f) => basename(f.path) === 'migration.sql') ? 'folders' : 'plain';
  return { dir, layout, journal, files };
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
