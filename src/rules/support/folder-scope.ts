import { basename, dirname, join } from 'node:path';
import type { Journal, JournalEntry, MigrationFile, MigrationFolder } from '../../migrations/types.js';
import type { Location } from '../../sql/source-file.js';

/**
 * Folder rules report only on what is being linted: a migration file that is reported (named on the
 * command line, or pending with --since/--baseline), or the journal when some file of the folder is
 * or when an applied migration of it changed since the --since ref (edited or deleted).
 */
export function fileIsReported(folder: MigrationFolder, path: string): boolean {
  return !!indexOf(folder).byPath.get(path)?.report;
}

export function folderIsReported(folder: MigrationFolder): boolean {
  return folder.files.some((f) => f.report) || (!folder.base && folder.files.length === 0) || (folder.modified?.length ?? 0) > 0;
}

/** The journal drizzle 0.x applies the folder by; a journal left beside 1.0 folders is not one. */
export function activeJournal(folder: MigrationFolder): Journal | undefined {
  return folder.layout === 'journal' ? folder.journal : undefined;
}

/** The 0.x migration file of a journal entry (the first with its tag). */
export function fileOfEntry(folder: MigrationFolder, entry: JournalEntry): MigrationFile | undefined {
  return indexOf(folder).byTag.get(entry.tag);
}

interface FolderIndex {
  byTag: Map<string, MigrationFile>;
  byPath: Map<string, MigrationFile>;
}

// Keyed by the files array: built once per folder instead of a search per journal entry (a linear
// search per entry was ~8 s of a 20 s run over 50,000 files). A folder given a new array gets a new index.
const indexes = new WeakMap<readonly MigrationFile[], FolderIndex>();

function indexOf(folder: MigrationFolder): FolderIndex {
  let index = indexes.get(folder.files);
  if (!index) {
    index = { byTag: new Map(), byPath: new Map() };
    for (const f of folder.files) {
      if (basename(f.path) !== 'migration.sql' && !index.byTag.has(f.tag)) index.byTag.set(f.tag, f);
      // `some(f => f.path === path && f.report)`: any file of that path that is reported.
      const seen = index.byPath.get(f.path);
      if (!seen || (!seen.report && f.report)) index.byPath.set(f.path, f);
    }
    indexes.set(folder.files, index);
  }
  return index;
}

/** A journal entry is reported when its file is, or (having no file) when the folder is. */
export function entryIsReported(folder: MigrationFolder, entry: JournalEntry): boolean {
  const file = fileOfEntry(folder, entry);
  return file ? file.report : folderIsReported(folder);
}

export const START: Location = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** `0007_name.sql` for 0.x files, `20250101120000_name/migration.sql` for 1.0 folders. */
export function shortName(path: string): string {
  return basename(path) === 'migration.sql' ? join(basename(dirname(path)), 'migration.sql') : basename(path);
}

/** `1766458226327 (2025-12-23T02:50:26Z)`: journal `when` values mean nothing to a reader as numbers. */
export function showWhen(when: number): string {
  return Number.isFinite(when) ? `${when} (${new Date(when).toISOString().replace(/\.\d{3}Z$/, 'Z')})` : String(when);
}
