import { readCatalog } from '../catalog/read-catalog.js';
import type { MigrationFolder } from '../migrations/types.js';
import { statusOfFolders } from '../status/status-project.js';
import type { Session } from '../verify/database.js';
import { compareWithDatabase } from './compare-database.js';
import type { DriftRun } from './drift-report.js';
import { replayCounted } from './replay.js';

/**
 * `drift` against a database: the migrations it recorded as applied (every migration when drizzle
 * never ran there) replayed into the model, compared with its catalog.
 */
export async function driftAgainstDatabase(session: Session, folders: MigrationFolder[], shown: (p: string) => string, against: string): Promise<DriftRun> {
  const statuses = await statusOfFolders(session, folders);
  const catalog = await readCatalog(session);
  const applied = statuses.flatMap((s) =>
    s.folder.files.filter((f) => !s.table.exists || s.entries.some((e) => e.path === f.path && (e.state === 'applied' || e.state === 'edited'))),
  );
  const { model, routines, statements } = await replayCounted(applied, shown);
  const table = statuses[0]?.table.table.replace(/"/g, '') ?? 'drizzle.__drizzle_migrations';
  const { drift, unmanaged } = compareWithDatabase(model, catalog, table, routines);
  const anchor = applied.at(-1)?.path ?? folders[0]?.dir ?? '.';
  return { other: 'database', against, items: drift, unmanaged, collisions: [], anchor, statements };
}
