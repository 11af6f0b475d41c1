import { drizzleHashOfFile } from '../app/drizzle-hash.js';
import type { MigrationFolder } from '../migrations/types.js';
import { quoteIdent } from '../sql/qualified-name.js';
import type { Session } from './database.js';

/** What the server's drizzle migrations table says about the folder. */
export interface ServerMigrations {
  /** `drizzle.__drizzle_migrations` (drizzle.config's `migrations.schema/table`). */
  table: string;
  /** False on a database where drizzle never ran: nothing is applied. */
  exists: boolean;
  /** Files the migrator would not run again. */
  applied: Set<string>;
  /** Files the migrator would run: journalled and newer than the last recorded one. */
  pending: Set<string>;
  /** Files that are not in the journal: the migrator never runs them. */
  notJournalled: Set<string>;
  /** Applied files whose text no row's hash matches: edited after they were applied. */
  edited: Set<string>;
}

/** The hash drizzle-orm's migrator records: sha256 of the file read as a UTF-8 string. */
export function migrationHash(path: string): string | undefined {
  try {
    return drizzleHashOfFile(path);
  } catch {
    return undefined;
  }
}

/**
 * Which migrations a server already has, as drizzle-orm's migrator (0.x) decides it: it reads the
 * row with the greatest `created_at` and runs every journal entry whose `when` is greater (a hash
 * is recorded but never compared). Without a journal (drizzle-kit 1.0 folders, plain files) a file
 * counts as applied when a row has its hash.
 */
export async function readServerMigrations(session: Session, folder: MigrationFolder): Promise<ServerMigrations> {
  const schema = folder.drizzle?.schema ?? 'drizzle';
  const name = folder.drizzle?.table ?? '__drizzle_migrations';
  const table = `${quoteIdent(schema)}.${quoteIdent(name)}`;
  const out: ServerMigrations = { table: `${schema}.${name}`, exists: false, applied: new Set(), pending: new Set(), notJournalled: new Set(), edited: new Set() };
  const found = await session.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  if (found[0]?.t) {
    out.exists = true;
  }
  const rows = out.exists ? await session.query<{ hash: string; created_at: string | null }>(`SELECT hash, created_at::text AS created_at FROM ${table}`) : [];
  const hashes = new Set(rows.map((r) => r.hash));
  const last = rows.reduce<number | undefined>((m, r) => (r.created_at === null ? m : Math.max(m ?? -Infinity, Number(r.created_at))), undefined);
  const when = new Map(folder.journal?.entries.map((e) => [e.tag, e.when]) ?? []);
  for (const f of folder.files) {
    const hash = migrationHash(f.path);
    if (!folder.journal) {
      if (hash && hashes.has(hash)) out.applied.add(f.path);
      else out.pending.add(f.path);
      continue;
    }
    const w = when.get(f.tag);
    if (w === undefined) out.notJournalled.add(f.path);
    else if (last !== undefined && !(last < w)) {
      out.applied.add(f.path);
      if (hash && !hashes.has(hash)) out.edited.add(f.path);
    } else out.pending.add(f.path);
  }
  return out;
}
