// `drift` against PGlite after drizzle-orm's real migrator: a clean database reports nothing, and
// each hand change an operator (or drizzle-kit push) makes is reported on the object, with both
// sides, placed on the migration that created it.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { driftAgainstDatabase } from '../../src/drift/drift-database.js';
import { driftJson } from '../../src/drift/drift-report.js';
import { messages } from '../../src/drift/messages.js';
import { findProject } from '../../src/project/find-project.js';
import { journalProject, pgliteSession } from '../status/fixture.js';

const INIT = [
  `CREATE TYPE "public"."status" AS ENUM('active', 'archived');--> statement-breakpoint`,
  `CREATE TABLE "users" (`,
  `	"id" serial PRIMARY KEY NOT NULL,`,
  `	"email" varchar(255) NOT NULL,`,
  `	"name" text,`,
  `	"status" "status" DEFAULT 'active' NOT NULL`,
  `);`,
  `--> statement-breakpoint`,
  `CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint`,
  `ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint`,
  `CREATE POLICY "own_rows" ON "users" FOR SELECT USING (true);`,
].join('\n');

let db: PGlite;
let project: ReturnType<typeof journalProject>;
const FILE = 'drizzle/0000_init.sql';

beforeAll(async () => {
  db = new PGlite();
  project = journalProject([{ tag: '0000_init', when: 1_700_000_000_000, sql: INIT }]);
});
afterAll(async () => {
  await db.close();
  project.remove();
});
beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(drizzle(db), { migrationsFolder: project.dir });
});

async function drift() {
  const { folders } = findProject({ paths: [], cwd: project.root, runner: 'drizzle' });
  const run = await driftAgainstDatabase(pgliteSession(db), folders, (p) => p, 'PGlite');
  return driftJson(run, project.root) as { inSync: boolean; drift: Record<string, unknown>[]; unmanaged: unknown[] };
}

const differs = (object: string, migrations: string, database: string, at: [number, number, number, number]) => ({
  object,
  kind: 'differs',
  migrations,
  database,
  message: messages.differs({ object, migrations, other: 'database', actual: database }),
  file: FILE,
  line: at[0],
  column: at[1],
  endLine: at[2],
  endColumn: at[3],
});

describe('drift on PGlite after drizzle-orm migrate', () => {
  it('a clean database: nothing, and drizzle\'s own table listed apart', async () => {
    expect(await drift()).toEqual({
      version: 1,
      comparedWith: 'database',
      against: 'PGlite',
      inSync: true,
      drift: [],
      collisions: [],
      unmanaged: [{ object: 'table "drizzle"."__drizzle_migrations"', reason: "drizzle's migrations table" }],
    });
  });

  it('a column type changed by hand', async () => {
    await db.exec('ALTER TABLE users ALTER COLUMN email TYPE text');
    expect((await drift()).drift).toEqual([differs('column "users"."email"', '`varchar(255)`', '`text`', [4, 2, 4, 9])]);
  });

  it('a dropped index', async () => {
    await db.exec('DROP INDEX users_email_idx');
    const object = 'index "users_email_idx" on "users"';
    expect((await drift()).drift).toEqual([
      { object, kind: 'only-in-migrations', message: messages.onlyInMigrations({ object, other: 'database' }), file: FILE, line: 9, column: 21, endLine: 9, endColumn: 38 },
    ]);
  });

  it('an added NOT NULL', async () => {
    await db.exec('ALTER TABLE users ALTER COLUMN name SET NOT NULL');
    expect((await drift()).drift).toEqual([differs('column "users"."name"', 'nullable', 'NOT NULL', [5, 2, 5, 8])]);
  });

  it('a new enum value', async () => {
    await db.exec("ALTER TYPE status ADD VALUE 'deleted'");
    expect((await drift()).drift).toEqual([differs('enum "status"', "('active', 'archived')", "('active', 'archived', 'deleted')", [1, 22, 1, 30])]);
  });

  it('row-level security disabled', async () => {
    await db.exec('ALTER TABLE users DISABLE ROW LEVEL SECURITY');
    expect((await drift()).drift).toEqual([differs('table "users"', 'row-level security enabled', 'row-level security disabled', [2, 14, 2, 21])]);
  });

  it('objects only the database has, with their definitions; other schemas listed apart', async () => {
    await db.exec(`CREATE INDEX users_name_idx ON users (name); ALTER TABLE users ADD COLUMN age int; CREATE SCHEMA audit; CREATE TABLE audit.log (id int);`);
    const run = await drift();
    expect(run.drift).toEqual([
      expect.objectContaining({ object: 'column "users"."age"', kind: 'only-in-other', definition: 'integer', message: messages.onlyInOther({ object: 'column "users"."age"', other: 'database', definition: 'integer' }) }),
      expect.objectContaining({
        object: 'index "users_name_idx" on "users"',
        kind: 'only-in-other',
        definition: 'CREATE INDEX users_name_idx ON public.users USING btree (name)',
      }),
    ]);
    expect(run.unmanaged).toContainEqual({ object: 'table "audit"."log"', reason: 'in schema "audit", which the migrations do not use' });
  });
});

describe('drift and partitions added at run time', () => {
  const EVENTS = [
    `CREATE TABLE "events" ("id" integer NOT NULL, "at" date NOT NULL, CONSTRAINT "events_pk" PRIMARY KEY ("id", "at"), CONSTRAINT "id_positive" CHECK ("id" > 0)) PARTITION BY RANGE ("at");--> statement-breakpoint`,
    `CREATE INDEX "events_at_idx" ON "events" USING btree ("at");--> statement-breakpoint`,
    `CREATE TABLE "events_2025" PARTITION OF "events" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
  ].join('\n');
  let pdb: PGlite;
  let pproject: ReturnType<typeof journalProject>;
  beforeAll(async () => {
    pdb = new PGlite();
    pproject = journalProject([{ tag: '0000_events', when: 1_700_000_000_000, sql: EVENTS }]);
    await migrate(drizzle(pdb), { migrationsFolder: pproject.dir });
  });
  afterAll(async () => {
    await pdb.close();
    pproject.remove();
  });

  it('a partition the SQL does not create is listed apart with its parent; a table that is no partition is drift', async () => {
    // What a scheduled job (or a function the migrations define) does every month.
    await pdb.exec(`CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); CREATE TABLE stray (id int);`);
    const { folders } = findProject({ paths: [], cwd: pproject.root, runner: 'drizzle' });
    const run = driftJson(await driftAgainstDatabase(pgliteSession(pdb), folders, (p) => p, 'PGlite'), pproject.root) as {
      drift: Record<string, unknown>[];
      unmanaged: unknown[];
    };
    // Columns, the key, the CHECK and the indexes Postgres gives both partitions from the parent are
    // not drift (before: 2 columns, 1 index and more reported on "events_2025", made by the SQL itself).
    expect(run.drift).toEqual([expect.objectContaining({ object: 'table "stray"', kind: 'only-in-other' })]);
    expect(run.unmanaged).toContainEqual({ object: 'table "events_2026"', reason: 'a partition of "events" that the migrations\' SQL does not create (added at run time)' });
    expect(JSON.stringify(run)).not.toContain('events_2025');
  });
});
