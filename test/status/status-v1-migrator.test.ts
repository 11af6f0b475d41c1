// `status` against a database migrated by drizzle-orm 1.0's real migrator (devDependency
// drizzle-orm-beta = drizzle-orm@1.0.0-beta.24, pglite/migrator) on drizzle-kit 1.0's folder layout
// (test/fixtures/drift-snapshot-v1: drizzle-kit 1.0.0-beta.24's own output). What 1.0 does, read in
// its migrator and pinned here: the table gains `name` (the folder name) and `applied_at`;
// `created_at` is the folder name's timestamp; the hash is sha256 of migration.sql; a migration is
// pending when no row has its name — no high-water mark, so an older branch migration is not skipped.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm-beta/pglite';
import { migrate } from 'drizzle-orm-beta/pglite/migrator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { folderMillis, migrationHash } from '../../src/status/migration-status.js';
import { statusOfFolders } from '../../src/status/status-project.js';
import { statusJson } from '../../src/status/status-report.js';
import { REPO } from '../helpers/cli-process.js';
import { pgliteSession } from './fixture.js';

const INIT = '20261203200930_init';
const KEYS = '20261203200941_api_keys';
/** Generated on a branch before KEYS, merged after KEYS was applied: an older timestamp. */
const BRANCH = '20261203200935_tags';

let db: PGlite;
let root: string;
const dir = () => join(root, 'drizzle');
const run = () => migrate(drizzle({ client: db }), { migrationsFolder: dir() });

beforeAll(() => {
  db = new PGlite();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  root = mkdtempSync(join(tmpdir(), 'status-v1-'));
  cpSync(join(REPO, 'test/fixtures/drift-snapshot-v1'), dir(), { recursive: true });
  writeFileSync(join(root, 'drizzle.config.ts'), "export default { dialect: 'postgresql', out: './drizzle' };\n");
  await run();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function status() {
  const { folders } = findProject({ paths: [], cwd: root, runner: 'drizzle' });
  return statusJson(await statusOfFolders(pgliteSession(db), folders), 'PGlite', root) as {
    inSync: boolean;
    folders: { layout: string; migrations: { tag: string; state: string; recorded?: { name?: string; createdAt: number; hash: string } }[] }[];
  };
}
const states = (s: Awaited<ReturnType<typeof status>>) => s.folders[0].migrations.map((m) => [m.tag, m.state]);
const hashOf = (tag: string) => migrationHash(join(dir(), tag, 'migration.sql'));

describe('status after drizzle-orm 1.0 migrate (PGlite)', () => {
  it("the 1.0 table's layout and rows are what status reads: name, folder timestamp, sha256", async () => {
    const cols = await db.query<{ attname: string }>(`SELECT attname FROM pg_attribute WHERE attrelid = 'drizzle.__drizzle_migrations'::regclass AND attnum > 0 ORDER BY attnum`);
    expect(cols.rows.map((c) => c.attname)).toEqual(['id', 'hash', 'created_at', 'name', 'applied_at']);
    const s = await status();
    expect(s.inSync).toBe(true);
    expect(s.folders[0].layout).toBe('folders');
    expect(s.folders[0].migrations.map((m) => [m.tag, m.state, m.recorded?.name, m.recorded?.createdAt, m.recorded?.hash])).toEqual([
      [INIT, 'applied', INIT, folderMillis(INIT), hashOf(INIT)],
      [KEYS, 'applied', KEYS, folderMillis(KEYS), hashOf(KEYS)],
    ]);
  });

  it('a branch migration with an older timestamp is pending (1.0 decides by name), and the 1.0 migrator runs it', async () => {
    mkdirSync(join(dir(), BRANCH));
    writeFileSync(join(dir(), BRANCH, 'migration.sql'), 'CREATE TABLE "tags" ("id" serial PRIMARY KEY);');
    expect(states(await status())).toEqual([
      [INIT, 'applied'],
      [BRANCH, 'pending'],
      [KEYS, 'applied'],
    ]);
    await run();
    expect((await db.query(`SELECT to_regclass('public.tags')::text AS t`)).rows).toEqual([{ t: 'tags' }]);
    expect((await status()).inSync).toBe(true);
  });

  it('an applied file edited afterwards: edited, and the 1.0 migrator neither re-runs nor notices it', async () => {
    appendFileSync(join(dir(), KEYS, 'migration.sql'), '\nCREATE INDEX "api_keys_uses_idx" ON "api_keys" ("uses");');
    expect(states(await status())).toEqual([
      [INIT, 'applied'],
      [KEYS, 'edited'],
    ]);
    await run();
    expect((await db.query(`SELECT to_regclass('public.api_keys_uses_idx')::text AS t`)).rows).toEqual([{ t: null }]);
    expect(states(await status())).toEqual([
      [INIT, 'applied'],
      [KEYS, 'edited'],
    ]);
  });

  it('an applied folder deleted: applied but missing here, by its recorded name', async () => {
    rmSync(join(dir(), KEYS), { recursive: true });
    expect(states(await status())).toEqual([
      [INIT, 'applied'],
      [KEYS, 'applied-missing'],
    ]);
  });
});
