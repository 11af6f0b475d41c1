export interface JournalEntry {
  idx: number;
  version?: string;
  when: number;
  tag: string;
  breakpoints?: boolean;
}

export interface Journal {
  path: string;
  dialect?: string;
  entries: JournalEntry[];
  /** Raw text, for locating entries by line. */
  text: string;
}

export interface MigrationFile {
  /** Absolute path. */
  path: string;
  /** drizzle's tag: `0003_fancy_name` (0.x) or the folder name `20250101120000_name` (1.0). */
  tag: string;
  /** Files with the same batch number run in one transaction under the `drizzle` runner. */
  batch: number;
  /** Whether findings in this file are reported (the file was named or is pending); all are replayed. */
  report: boolean;
}

export type Layout = 'journal' | 'folders' | 'plain';

export interface MigrationFolder {
  /** Absolute path of the migrations folder (drizzle's `out`). */
  dir: string;
  layout: Layout;
  journal?: Journal;
  /** Every migration of the folder in the order drizzle applies them. */
  files: MigrationFile[];
}
