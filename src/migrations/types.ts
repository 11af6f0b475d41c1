import type { Location } from '../sql/source-file.js';
import type { SnapshotRead } from './snapshot-lineage.js';

/**
 * How the migrations are run: `drizzle` (drizzle-kit migrate: one transaction per batch), `per-file`
 * (one transaction per file) or `none` (autocommit). See ../shared/RULES.md "Runner models".
 */
export const RUNNERS = ['drizzle', 'per-file', 'none'] as const;
export type Runner = (typeof RUNNERS)[number];

export interface JournalEntry {
  idx: number;
  version?: string;
  when: number;
  tag: string;
  breakpoints?: boolean;
  /** Where the entry's object starts in `_journal.json`, and where its `idx`, `when` and `tag` values are. */
  at: Location;
  idxAt?: Location;
  whenAt?: Location;
  tagAt?: Location;
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
  /** The journal entry's `breakpoints` (or drizzle.config's), when known. */
  breakpoints?: boolean;
  /** With --since or --baseline: already applied (history) or pending (the batch being linted). */
  status?: 'applied' | 'pending';
}

/**
 * `journal`: drizzle-kit 0.x (`NNNN_name.sql` + `meta/_journal.json`); `folders`: drizzle-kit 1.0
 * (`<YYYYMMDDHHMMSS>_<name>/migration.sql`); `plain`: `.sql` files without a journal, in name order.
 */
export type Layout = 'journal' | 'folders' | 'plain';

/** Something in the folder that drizzle's migrator would skip, trip over or misorder. */
export interface LayoutProblem {
  kind: 'leftover-journal' | 'bad-folder-name' | 'folder-without-sql' | 'flat-sql-in-folders-layout' | 'unreadable-journal';
  /** File or folder the problem is about (absolute). */
  path: string;
  detail?: string;
}

/** A migration that exists at the --since ref and was edited since. */
export interface ModifiedMigration {
  path: string;
  ref: string;
  /** First line that differs, in the working-tree file (line 1 for a deleted one). */
  location: Location;
  /** The ref has the migration and the working tree does not (nor a file with its content). */
  deleted?: boolean;
}

/** What drizzle.config tells about how the folder is applied. */
export interface DrizzleFacts {
  /** The drizzle.config file the folder came from, when it did. */
  configPath?: string;
  /** `migrations.table` / `migrations.schema`: where drizzle records applied migrations. */
  table: string;
  schema: string;
  /** `migrations.prefix`: how drizzle-kit numbers files (`index`, `timestamp`, `supabase`, `unix`, `none`). */
  prefix: string;
  breakpoints?: boolean;
}

export interface MigrationFolder {
  /** Absolute path of the migrations folder (drizzle's `out`). */
  dir: string;
  layout: Layout;
  journal?: Journal;
  /** Every migration of the folder in the order drizzle applies them. */
  files: MigrationFile[];
  layoutProblems?: LayoutProblem[];
  /**
   * drizzle-kit 0.x snapshots (`meta/NNNN_snapshot.json`, by number): their ids and parents, read on
   * first use (a folder's snapshots are most of its bytes). Absent for other layouts.
   */
  snapshots?: readonly SnapshotRead[];
  modified?: ModifiedMigration[];
  drizzle?: DrizzleFacts;
  /** Milliseconds since the epoch when the folder was read (journal-future-timestamp compares with it). */
  scannedAt?: number;
  /** How batches were decided: git ref, baseline tag, or each file alone. */
  base?: { kind: 'since'; ref: string } | { kind: 'baseline'; tag: string };
}
