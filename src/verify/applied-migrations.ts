import { createHash } from 'node:crypto';
import type { MigrationFolder } from '../migrations/types.js';
import type { ParsedFile } from '../sql/parse-file.js';
import { quoteIdent } from '../sql/qualified-name.js';
import type { Session } from './database.js';

/**
 * Which migrations a server already has, as drizzle-kit's migrator decides it: a row in its
 * migrations table (drizzle.config's `migrations.schema/table`, by default
 * `drizzle.__drizzle_migrations`) with the file's sha256, or a `created_at` at or after the journal
 * entry's `when` (drizzle applies only entries newer than the last one recorded).
 */
export async function appliedOnServer(session: Session, folder: MigrationFolder, parsed: Map<string, ParsedFile>): Promise<Set<string>> {
  const table = `${quoteIdent(folder.drizzle?.schema ?? 'drizzle')}.${quoteIdent(folder.drizzle?.table ?? '__drizzle_migrations')}`;
  const found = await session.query<{ t: string | null }>(`SELECT to_regclass('${table.replace(/'/g, "''")}')::text AS t`);
  if (!found[0]?.t) return new Set();
  const rows = await session.query<{ hash: string; created_at: string | null }>(`SELECT hash, created_at::text AS created_at FROM ${table}`);
  const hashes = new Set(rows.map((r) => r.hash));
  const last = Math.max(0, ...rows.map((r) => Number(r.created_at ?? 0)));
  const when = new Map(folder.journal?.entries.map((e) => [e.tag, e.when]) ?? []);
  const applied = new Set<string>();
  for (const f of folder.files) {
    const text = parsed.get(f.path)?.file.text;
    const hash = text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
    const w = when.get(f.tag);
    if ((hash && hashes.has(hash)) || (w !== undefined && last > 0 && w <= last)) applied.add(f.path);
  }
  return applied;
}
