// `status` against PGlite after drizzle-orm's real migrator (drizzle-orm/pglite/migrator) applied
// the migrations: every state is produced by a real drizzle run, not by rows written by hand.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { migrationHash } from '../../src/status/migration-status.js';
import { statusOfFolders } from '../../src/status/status-project.js';
import { statusJson } from '../../src/status/status-report.js';
import { journalProject, pgliteSession, type Migration } from './fixture.js';

const INIT: Migration = { tag: '0000_init', when: 1_700_000_000_000, sql: 'CREATE TABLE "users" ("id" serial PRIMARY KEY, "email" text NOT NULL);' };
const POSTS: Migration = { tag: '0001_posts', when: 1_700_000_100_000, sql: 'CREATE TABLE "posts" ("id" serial PRIMARY KEY, "title" text);' };
const ADDED: Migration = { tag: '0002_comments', when: 1_700_000_200_000, sql: 'CREATE TABLE "comments" ("id" serial PRIMARY KEY);' };
/** Generated on a branch before POSTS was, merged after POSTS was applied: an older `when`. */
const BRANCH: Migration = { tag: '0002_tags', when: 1_700_000_050_000, sql: 'CREATE TABLE "tags" ("id" serial PRIMARY KEY);' };

let db: PGlite;
let project: ReturnType<typeof journalProject>;

// One PGlite for the file (starting one takes seconds); each test starts from an empty database.
beforeAll(() => {
  db = new PGlite();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  project = journalProject([INIT, POSTS]);
  await migrate(drizzle(db), { migrationsFolder: project.dir });
});
afterEach(() => project.remove());

async function status() {
  const { folders } = findProject({ paths: [], cwd: project.root, runner: 'drizzle' });
  const statuses = await statusOfFolders(pgliteSession(db), folders);
  return statusJson(statuses, 'PGlite', project.root) as { inSync: boolean; summary: Record<string, number>; folders: { migrations: { tag: string; state: string }[] }[] };
}
const states = (s: Awaited<ReturnType<typeof status>>) => s.folders[0].migrations.map((m) => [m.tag, m.state]);
const hashOf = (tag: string) => migrationHash(join(project.dir, `${tag}.sql`));

describe('status on PGlite after drizzle-orm migrate', () => {
  it('in sync: the whole JSON pinned', async () => {
    expect(await status()).toEqual({
      version: 1,
      database: 'PGlite',
      inSync: true,
      summary: { applied: 2, pending: 0, 'will-be-skipped': 0, edited: 0, 'applied-missing': 0, 'not-in-journal': 0 },
      folders: [
        {
          dir: 'drizzle',
          layout: 'journal',
          table: '"drizzle"."__drizzle_migrations"',
          tableExists: true,
          migrations: [
            { tag: '0000_init', state: 'applied', file: 'drizzle/0000_init.sql', when: INIT.when, hash: hashOf('0000_init'), recorded: { id: 1, hash: hashOf('0000_init'), createdAt: INIT.when } },
            { tag: '0001_posts', state: 'applied', file: 'drizzle/0001_posts.sql', when: POSTS.when, hash: hashOf('0001_posts'), recorded: { id: 2, hash: hashOf('0001_posts'), createdAt: POSTS.when } },
          ],
        },
      ],
    });
  });

  it('an added migration is pending, and drizzle runs it', async () => {
    project.write([INIT, POSTS, ADDED]);
    expect(states(await status())).toEqual([
      ['0000_init', 'applied'],
      ['0001_posts', 'applied'],
      ['0002_comments', 'pending'],
    ]);
    await migrate(drizzle(db), { migrationsFolder: project.dir });
    expect((await status()).inSync).toBe(true);
  });

  it('a branch migration with an older "when" will be skipped, and drizzle really skips it', async () => {
    project.write([INIT, POSTS, BRANCH]);
    const before = await status();
    expect(states(before)).toEqual([
      ['0000_init', 'applied'],
      ['0001_posts', 'applied'],
      ['0002_tags', 'will-be-skipped'],
    ]);
    // drizzle's migrator reports success, and neither runs the file nor records it.
    await expect(migrate(drizzle(db), { migrationsFolder: project.dir })).resolves.toBeUndefined();
    expect((await db.query(`SELECT to_regclass('public.tags') AS t`)).rows).toEqual([{ t: null }]);
    expect((await db.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows).toEqual([{ n: 2 }]);
    expect(states(await status())).toEqual(states(before));
  });

  it('an applied file edited afterwards', async () => {
    const path = join(project.dir, '0001_posts.sql');
    const recorded = hashOf('0001_posts');
    writeFileSync(path, readFileSync(path, 'utf8') + '\nALTER TABLE "posts" ADD COLUMN "body" text;');
    const s = await status();
    expect(states(s)).toEqual([
      ['0000_init', 'applied'],
      ['0001_posts', 'edited'],
    ]);
    expect(s.folders[0].migrations[1]).toMatchObject({ hash: hashOf('0001_posts'), recorded: { id: 2, hash: recorded, createdAt: POSTS.when } });
    expect(s.inSync).toBe(false);
  });

  it('an applied file deleted (journal entry kept, then removed too)', async () => {
    rmSync(join(project.dir, '0001_posts.sql'));
    expect(states(await status())).toEqual([
      ['0000_init', 'applied'],
      ['0001_posts', 'applied-missing'],
    ]);
    project.write([INIT]);
    expect(states(await status())).toEqual([
      ['0000_init', 'applied'],
      ['#2', 'applied-missing'],
    ]);
  });

  it('a file the journal does not list, and a database drizzle never touched', async () => {
    writeFileSync(join(project.dir, '0002_stray.sql'), 'SELECT 1;');
    expect(states(await status())).toEqual([
      ['0000_init', 'applied'],
      ['0001_posts', 'applied'],
      ['0002_stray', 'not-in-journal'],
    ]);
    await db.exec('DROP SCHEMA drizzle CASCADE');
    const s = await status();
    expect(s.folders[0]).toMatchObject({ tableExists: false });
    expect(states(s)).toEqual([
      ['0000_init', 'pending'],
      ['0001_posts', 'pending'],
      ['0002_stray', 'not-in-journal'],
    ]);
  });
});
