import type { MigrationFolder } from '../migrations/types.js';
import type { Session } from '../verify/database.js';
import { migrationStatus, readMigrationsTable, type MigrationsTable, type StatusEntry } from './migration-status.js';

export interface FolderStatus {
  folder: MigrationFolder;
  table: MigrationsTable;
  entries: StatusEntry[];
}

/** Reads each folder's migrations table (its drizzle.config's `migrations.schema`/`table`) and decides every migration's state. */
export async function statusOfFolders(session: Session, folders: MigrationFolder[]): Promise<FolderStatus[]> {
  const out: FolderStatus[] = [];
  for (const folder of folders) {
    const table = await readMigrationsTable(session, folder.drizzle?.schema ?? 'drizzle', folder.drizzle?.table ?? '__drizzle_migrations');
    out.push({ folder, table, entries: migrationStatus(folder, table) });
  }
  return out;
}

/** The folder a finding about a recorded row with no file is shown on: the journal, else the migrations folder. */
export function folderAnchor(folder: MigrationFolder): string {
  return folder.journal?.path ?? folder.dir;
}
