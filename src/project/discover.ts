import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import { readJournal } from './journal.js';
import { readSnapshotLinks, snapshotPaths } from './snapshots.js';
import type { SnapshotRead } from '../migrations/snapshot-lineage.js';
import type { DrizzleFacts, LayoutProblem, MigrationFile, MigrationFolder } from '../migrations/types.js';

/** drizzle-kit 1.0 writes `<14-digit timestamp>_<name>/migration.sql`. */
const FOLDER_MIGRATION = /^\d{14}_.+/;
const MIGRATION_SQL = 'migration.sql';
const SKIP_DIRS = new Set(['node_modules', '.git', 'meta']);

/** The migrations folder a .sql file belongs to. */
export function folderOfFile(file: string): string {
  const dir = dirname(file);
  if (basename(file) === MIGRATION_SQL) return dirname(dir);
  return dir;
}

/**
 * `join(dir, name)` for a normalised folder and a plain entry name: without join's normalisation,
 * which is a tenth of the discovery of a large tree.
 */
function child(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** Where discovery records problems with single inputs that do not stop the run (one line each). */
export type InputErrors = string[];

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function walkSql(dir: string, out: string[], ancestors: Set<string>, seen: Set<string>, cwd: string, errors?: InputErrors): void {
  let id: string;
  try {
    const st = statSync(dir);
    id = `${st.dev}:${st.ino}`;
  } catch (e) {
    return report(errors, `${displayPath(dir, cwd)}: cannot read folder (${code(e)})`);
  }
  if (ancestors.has(id)) return report(errors, `${displayPath(dir, cwd)}: symbolic link loop, not followed`);
  if (seen.has(id)) return; // reached again through another link
  seen.add(id);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    return report(errors, `${displayPath(dir, cwd)}: cannot read folder (${code(e)})`);
  }
  ancestors.add(id);
  for (const e of entries) {
    const p = child(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isDir(p))) {
      if (!SKIP_DIRS.has(e.name)) walkSql(p, out, ancestors, seen, cwd, errors);
      // FIFOs, sockets and devices too: reading refuses them with an input error naming them.
    } else if (e.name.endsWith('.sql')) out.push(p);
  }
  ancestors.delete(id);
}

/** Records a problem, or without a collector stops the run with it. */
function report(errors: InputErrors | undefined, message: string): void {
  if (!errors) throw new UsageError(message);
  errors.push(message);
}

export function isDir(p: string): boolean {
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
export function discoverFolders(
  paths: string[],
  cwd: string,
  facts?: (dir: string) => DrizzleFacts | undefined,
  errors?: InputErrors,
  /**
   * The user named these folders (arguments, --dir, config `dir`): one without any migration is a
   * mistake to report, not an empty run that passes. (drizzle.config's `out` or ./drizzle before
   * the first `drizzle-kit generate` may well be empty.)
   */
  named = false,
): MigrationFolder[] {
  // Each folder with the files named on the command line or found under a named folder: the ones reported.
  const byFolder = new Map<string, Set<string>>();
  const request = (dir: string) => {
    if (!byFolder.has(dir)) byFolder.set(dir, new Set());
    return byFolder.get(dir)!;
  };
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
      const reported = errors?.length ?? 0;
      walkSql(abs, found, new Set(), new Set(), cwd, errors);
      // A folder that could not be read was reported once: not again as empty.
      if ((errors?.length ?? 0) > reported && !found.length) continue;
      for (const f of found) request(folderOfFile(f)).add(f);
      // A named folder with a journal but no .sql file still has its journal checked.
      if (!found.length && readJournal(abs)) request(abs);
      else if (!found.length && named) report(errors, `${p}: no migration files (.sql) in this folder`);
    } else if (abs.endsWith('.sql')) request(folderOfFile(abs)).add(abs);
    else throw new UsageError(`${p}: not a .sql file or a folder`);
  }
  const folders = [...byFolder.keys()].sort().map((dir) => loadFolder(dir, byFolder.get(dir)!, facts?.(dir)));
  // A journal drizzle cannot read stops every `drizzle-kit migrate` of the folder: besides the
  // journal-file-mismatch finding, it is an input error (one line, exit 2). Its migrations are
  // still linted, in file-name order.
  for (const f of folders) {
    for (const p of f.layoutProblems ?? []) if (p.kind === 'unreadable-journal') errors?.push(`${displayPath(p.path, cwd)}: ${p.detail}`);
  }
  return folders;
}

/** Reads one migrations folder: its layout, journal, migrations in drizzle's order, and layout problems. */
export function loadFolder(dir: string, report: Set<string>, facts?: DrizzleFacts): MigrationFolder {
  const read = readJournal(dir);
  const journal = read && 'journal' in read ? read.journal : undefined;
  const problems: LayoutProblem[] = [];
  if (read && 'problem' in read) problems.push({ kind: 'unreadable-journal', path: read.path, detail: read.problem });

  const flat: string[] = [];
  const foldered: string[] = [];
  let listing;
  try {
    listing = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // Reachable with a file named inside a folder that can be entered but not listed (mode 0711).
    throw new UsageError(`${displayPath(dir, process.cwd())}: cannot list the migrations folder (${code(e)})`);
  }
  for (const e of listing) {
    const p = child(dir, e.name);
    // FIFOs, sockets and devices too: reading refuses them (without blocking) with an input error.
    if (e.name.endsWith('.sql') && !e.isDirectory() && !(e.isSymbolicLink() && isDir(p))) {
      flat.push(p);
      continue;
    }
    if (SKIP_DIRS.has(e.name) || !(e.isDirectory() || (e.isSymbolicLink() && isDir(p)))) continue;
    const sql = child(p, MIGRATION_SQL);
    const hasSql = isPresent(sql);
    if (FOLDER_MIGRATION.test(e.name)) {
      if (hasSql) foldered.push(sql);
      else problems.push({ kind: 'folder-without-sql', path: p });
    } else if (hasSql) {
      foldered.push(sql);
      problems.push({ kind: 'bad-folder-name', path: p });
    }
  }
  // Files named on the command line that the listing missed (e.g. a symlink to elsewhere).
  const listed = new Set([...flat, ...foldered]);
  for (const f of report) if (!listed.has(f)) (basename(f) === MIGRATION_SQL ? foldered : flat).push(f);

  // Computed once per path: the sorts below ask for tags O(n log n) times.
  const tags = new Map<string, string>();
  for (const f of [...flat, ...foldered]) tags.set(f, basename(f) === MIGRATION_SQL ? basename(dirname(f)) : basename(f, '.sql'));
  const tagOf = (f: string) => tags.get(f)!;
  const byName = (a: string, b: string) => (tagOf(a) < tagOf(b) ? -1 : tagOf(a) > tagOf(b) ? 1 : 0);
  let layout: MigrationFolder['layout'];
  let ordered: string[];
  if (foldered.length) {
    layout = 'folders';
    // drizzle-kit 1.0 orders migrations by their folder names (timestamps first).
    ordered = [...foldered].sort(byName);
    if (read) problems.push({ kind: 'leftover-journal', path: join(dir, 'meta', '_journal.json') });
    for (const f of flat) problems.push({ kind: 'flat-sql-in-folders-layout', path: f });
    ordered.push(...flat.sort(byName));
  } else if (journal) {
    layout = 'journal';
    const order = new Map(journal.entries.map((e, i) => [e.tag, i]));
    // drizzle runs journal entries in array order; files without an entry never run, so they go last.
    ordered = [...flat].sort((a, b) => {
      const oa = order.get(tagOf(a));
      const ob = order.get(tagOf(b));
      if (oa !== undefined && ob !== undefined) return oa - ob;
      if (oa !== undefined) return -1;
      if (ob !== undefined) return 1;
      return byName(a, b);
    });
  } else {
    layout = 'plain';
    ordered = [...flat].sort(byName);
  }

  const entryOf = new Map(journal?.entries.map((e) => [e.tag, e]) ?? []);
  const defaultBreakpoints = facts?.breakpoints ?? (layout === 'plain' ? undefined : true);
  const files: MigrationFile[] = ordered.map((path, i) => {
    const breakpoints = (layout === 'journal' ? entryOf.get(tagOf(path))?.breakpoints : undefined) ?? defaultBreakpoints;
    return { path, tag: tagOf(path), batch: i, report: report.has(path), ...(breakpoints !== undefined ? { breakpoints } : {}) };
  });
  const folder: MigrationFolder = {
    dir,
    layout,
    ...(journal ? { journal } : {}),
    files,
    layoutProblems: problems,
    ...(facts ? { drizzle: facts } : {}),
    scannedAt: Date.now(),
  };
  if (layout === 'journal') {
    // Read when a rule asks (journal-duplicate-index): snapshots are large, and most runs need none.
    let snapshots: readonly SnapshotRead[] | undefined;
    Object.defineProperty(folder, 'snapshots', { enumerable: true, get: () => (snapshots ??= readSnapshotLinks(snapshotPaths(folder))) });
  }
  return folder;
}

/** Anything but a folder (a FIFO or device is refused when read, with an error naming it). */
function isPresent(p: string): boolean {
  try {
    return !statSync(p).isDirectory();
  } catch {
    return false;
  }
}
