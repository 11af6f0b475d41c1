/**
 * The up → down round trip on a real Postgres (PGlite): each migration of a folder is applied after
 * its history in a transaction, with drizzle's migrations-table row as drizzle-orm's migrator writes
 * it; the catalog is read; the down `down` writes for that migration (as the last one) is run; the
 * catalog must then equal the one before the migration. Everything after the migration is rolled
 * back to a savepoint, the migration committed, and the next one taken.
 */
import { readFileSync } from 'node:fs';
import type { MigrationFolder } from '../../src/migrations/types.js';
import { displayPath } from '../../src/migrations/display-path.js';
import { parseMigration, type ParsedFile } from '../../src/sql/index.js';
import { drizzleHash, type DownRun } from '../../src/down/down-project.js';
import { recordedWhen, renderDown } from '../../src/down/render.js';
import { Reverser } from '../../src/down/reverse-statement.js';
import { startPglite } from '../../src/verify/pglite-session.js';
import { createStubRoles, extensionsCreated, rolesReferenced } from '../../src/verify/engine-gaps.js';
import { catalogDiff, readCatalog } from '../helpers/catalog.js';

export interface MigrationOutcome {
  path: string;
  /** round-tripped: reversible and the catalog came back; irreversible: declared so (reasons); failed: a reversible one whose down failed or left a difference. */
  status: 'round-tripped' | 'irreversible' | 'failed';
  reasons: string[];
  /** For irreversible ones: whether the catalog came back all the same (the structure is restored, the data is not). */
  catalogRestored?: boolean;
  diff?: string[];
  error?: string;
  down?: string;
}

export interface FolderOutcome {
  migrations: MigrationOutcome[];
  files: number;
  /** The migration PGlite rejected (with the history before it), which ended the folder's run. */
  stoppedAt?: { path: string; error: string };
}

const MIGRATIONS_TABLE = `CREATE SCHEMA IF NOT EXISTS "drizzle";
CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`;

async function catalogWithRows(session: { query<T>(sql: string): Promise<T[]> }): Promise<string[]> {
  const rows = await session.query<{ hash: string }>('SELECT hash FROM "drizzle"."__drizzle_migrations" ORDER BY id');
  return [...(await readCatalog(session)), ...rows.map((r) => `drizzle row ${r.hash}`)];
}

export async function roundTripFolder(folder: MigrationFolder, cwd: string): Promise<FolderOutcome> {
  const files = folder.files.map((f) => {
    const text = readFileSync(f.path, 'utf8');
    return { file: f, text, parsed: parseMigration(displayPath(f.path, cwd), text) as ParsedFile };
  });
  const all = files.flatMap((f) => f.parsed.statements);
  const { session } = await startPglite(extensionsCreated(all));
  const outcome: FolderOutcome = { migrations: [], files: files.length };
  try {
    await createStubRoles(session, rolesReferenced(all));
    await session.exec(MIGRATIONS_TABLE);
    const reverser = new Reverser();
    let before = await catalogWithRows(session);
    for (const [i, { file, text, parsed }] of files.entries()) {
      const path = displayPath(file.path, cwd);
      const reversal = reverser.reverse(parsed, { file: path, batch: i });
      const hash = drizzleHash(file.path);
      // A migration with its own COMMIT / BEGIN ends the transaction the round trip needs around it
      // (dittofeed, wundergraph, flowglad once crashed the run with "SAVEPOINT can only be used in
      // transaction blocks"): the folder's run stops there, counted as such.
      if (parsed.statements.some((s) => s.kind === 'TransactionStmt')) {
        outcome.stoppedAt = { path, error: 'the migration controls transactions itself (BEGIN/COMMIT): the round trip cannot wrap it in one' };
        break;
      }
      await session.exec('BEGIN');
      try {
        await session.exec(text);
        // created_at as drizzle's migrator writes it (the journal's `when`): down's DELETE names it.
        await session.exec(`INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at") VALUES ('${hash}', ${recordedWhen({ folder, file }) ?? i})`);
      } catch (e) {
        await session.exec('ROLLBACK');
        outcome.stoppedAt = { path, error: (e as Error).message };
        break;
      }
      const after = await catalogWithRows(session);
      const run = { migrations: [{ folder, file, path, hash, reversal }] } as unknown as DownRun;
      const down = renderDown(run);
      const reasons = [
        ...reversal.unparsable.map(() => 'unparsable'),
        ...reversal.statements.flatMap((s) => s.notes.filter((n) => n.kind === 'irreversible').map((n) => n.reason)),
      ];
      const result: MigrationOutcome = { path, status: reasons.length ? 'irreversible' : 'round-tripped', reasons: [...new Set(reasons)].sort() };
      await session.exec('SAVEPOINT down');
      try {
        await session.exec(down);
        const diff = catalogDiff(before, await catalogWithRows(session));
        if (diff.length) Object.assign(result, { diff, down });
      } catch (e) {
        Object.assign(result, { error: (e as Error).message, down });
      }
      await session.exec('ROLLBACK TO SAVEPOINT down');
      await session.exec('COMMIT');
      if (result.status === 'irreversible') result.catalogRestored = !result.diff && !result.error;
      else if (result.diff || result.error) result.status = 'failed';
      outcome.migrations.push(result);
      before = after;
    }
  } finally {
    await session.close().catch(() => undefined);
  }
  return outcome;
}
