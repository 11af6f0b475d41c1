import { drizzleHashOfFile } from '../app/drizzle-hash.js';
import type { MigrationFolder } from '../migrations/types.js';
import { quoteIdent } from '../sql/qualified-name.js';
import type { Session } from '../verify/database.js';

/**
 * Where a migration stands against a database, as drizzle-orm's migrator sees it:
 * - `applied`: a row of the migrations table records this file's hash.
 * - `pending`: the next `migrate` runs it.
 * - `will-be-skipped`: drizzle 0.x runs only journal entries whose `when` is after the newest recorded
 *   `created_at`; this one is not (typically merged from an older branch), so `migrate` skips it and
 *   reports success.
 * - `edited`: recorded (a row with this migration's `when`, or its name on drizzle 1.0) under another
 *   hash: the file changed after it ran, and drizzle never checks.
 * - `applied-missing`: a recorded row that no file here matches.
 * - `not-in-journal`: a .sql file the journal does not list: drizzle never runs it.
 */
export type MigrationState = 'applied' | 'pending' | 'will-be-skipped' | 'edited' | 'applied-missing' | 'not-in-journal';

export const STATE_LABELS: Record<MigrationState, string> = {
  applied: 'applied',
  pending: 'pending',
  'will-be-skipped': 'will be skipped',
  edited: 'edited after applying',
  'applied-missing': 'applied but missing here',
  'not-in-journal': 'not in the journal',
};

export interface AppliedRow {
  id: number;
  hash: string;
  /** drizzle writes the journal entry's `when` (folderMillis) here, not the time it ran. */
  createdAt: number | null;
  /** drizzle-kit 1.0's table records the migration's folder name. */
  name?: string;
}

export interface MigrationsTable {
  /** `"drizzle"."__drizzle_migrations"` */
  table: string;
  exists: boolean;
  rows: AppliedRow[];
}

export interface StatusEntry {
  tag: string;
  state: MigrationState;
  /** Absolute path of the file, when there is one. */
  path?: string;
  /** sha256 of the file as drizzle computes it. */
  hash?: string;
  /** The journal's `when` (0.x) or the folder name's timestamp (1.0), in ms. */
  when?: number;
  /** The row that records it (applied, edited, applied-missing). */
  row?: AppliedRow;
}

/** drizzle-orm's hash of a migration: sha256 of the file read as a UTF-8 string (migrator.js readMigrationFiles). */
export const migrationHash = drizzleHashOfFile;

/** Reads the migrations table (drizzle.config's `migrations.schema`/`table`); absent means nothing applied. */
export async function readMigrationsTable(session: Session, schema: string, table: string): Promise<MigrationsTable> {
  const qualified = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const found = await session.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [qualified]);
  if (!found[0]?.t) return { table: qualified, exists: false, rows: [] };
  const cols = await session.query<{ attname: string }>(
    'SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped',
    [qualified],
  );
  const hasName = cols.some((c) => c.attname === 'name');
  const rows = await session.query<{ id: number; hash: string; created_at: string | null; name?: string | null }>(
    `SELECT id, hash, created_at::text AS created_at${hasName ? ', name' : ''} FROM ${qualified} ORDER BY id`,
  );
  return {
    table: qualified,
    exists: true,
    rows: rows.map((r) => ({
      id: Number(r.id),
      hash: r.hash,
      createdAt: r.created_at === null ? null : Number(r.created_at),
      ...(hasName && r.name ? { name: r.name } : {}),
    })),
  };
}

/** drizzle-kit 1.0 folder names start with a UTC timestamp `YYYYMMDDHHMMSS`. */
export function folderMillis(tag: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(tag);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

/**
 * Every migration of the folder with its state, in the order drizzle applies them, then the recorded
 * rows no file matches. The decision is drizzle-orm's (pg-core dialect `migrate`): the newest row
 * is the one `ORDER BY created_at DESC LIMIT 1` returns (a NULL sorts first there and counts as 0),
 * and a migration runs when that `created_at` is below its `when`.
 */
export function migrationStatus(folder: MigrationFolder, table: MigrationsTable, hashOf: (path: string) => string = migrationHash): StatusEntry[] {
  const rows = table.rows;
  const byName = rows.some((r) => r.name !== undefined);
  const newest = rows.length === 0 ? undefined : rows.some((r) => r.createdAt === null) ? 0 : Math.max(...rows.map((r) => r.createdAt!));
  const journalWhen = new Map(folder.journal?.entries.map((e) => [e.tag, e.when]) ?? []);
  const used = new Set<AppliedRow>();
  const entries: StatusEntry[] = [];
  const take = (match: (r: AppliedRow) => boolean) => {
    const row = rows.find((r) => !used.has(r) && match(r));
    if (row) used.add(row);
    return row;
  };
  // Files first matched by hash, so that an edited file cannot take another migration's row.
  const files = folder.files.map((f) => ({ f, hash: hashOf(f.path) }));
  const hashed = new Map(files.map(({ f, hash }) => [f.path, take((r) => r.hash === hash && (!byName || r.name === f.tag))]));
  for (const { f, hash } of files) {
    const when = folder.layout === 'journal' ? journalWhen.get(f.tag) : folderMillis(f.tag);
    const base = { tag: f.tag, path: f.path, hash, ...(when !== undefined ? { when } : {}) };
    if (folder.layout === 'journal' && when === undefined) {
      entries.push({ ...base, state: 'not-in-journal' });
      continue;
    }
    const row = hashed.get(f.path);
    if (row) {
      entries.push({ ...base, state: 'applied', row });
      continue;
    }
    // The row of this migration under another hash: by name on drizzle 1.0, else by drizzle's own `created_at` = `when`.
    const recorded = byName ? take((r) => r.name === f.tag) : when !== undefined ? take((r) => r.createdAt === when) : undefined;
    if (recorded) entries.push({ ...base, state: 'edited', row: recorded });
    else if (byName || newest === undefined || when === undefined || newest < when) entries.push({ ...base, state: 'pending' });
    else entries.push({ ...base, state: 'will-be-skipped' });
  }
  // Rows nothing here matches; a journal entry with their `when` (its file deleted) still names them.
  const tagByWhen = new Map(folder.journal?.entries.map((e) => [e.when, e.tag]) ?? []);
  for (const r of rows) {
    if (used.has(r)) continue;
    const tag = r.name ?? (r.createdAt !== null ? tagByWhen.get(r.createdAt) : undefined) ?? `#${r.id}`;
    entries.push({ tag, state: 'applied-missing', row: r, ...(r.createdAt !== null ? { when: r.createdAt } : {}) });
  }
  return entries;
}

/** In sync: nothing pending, skipped, edited, missing or outside the journal. */
export function inSync(entries: StatusEntry[]): boolean {
  return entries.every((e) => e.state === 'applied');
}
