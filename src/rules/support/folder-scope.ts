import { basename, dirname, join } from 'node:path';
import type { Journal, JournalEntry, MigrationFile, MigrationFolder } from '../../migrations/types.js';
import type { Location } from '../../sql/source-file.js';

/**
 * Folder rules report only on what is being linted: a migration file that is reported (named on the
 * command line, or pending with --since/--baseline), or the journal when some file of the folder is
 * or when an applied migration of it changed since the --since ref (edited or deleted).
 */
export function fileIsReported(folder: MigrationFolder, path: string): boolean {
  return folder.files.some((f) => f.path === path && f.report);
}

export function folderIsReported(folder: MigrationFolder): boolean {
  return folder.files.some((f) => f.report) || (!folder.base && folder.files.length === 0) || (folder.modified?.length ?? 0) > 0;
}

/** The journal drizzle 0.x applies the folder by; a journal left beside 1.0 folders is not one. */
export function activeJournal(folder: MigrationFolder): Journal | undefined {
  return folder.layout === 'journal' ? folder.journal : undefined;
}

export function fileOfEntry(folder: MigrationFolder, entry: JournalEntry): MigrationFile | undefined {
  return folder.files.find((f) => f.tag === entry.tag && basename(f.path) !== 'migration.sql');
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
