// `down` through the CLI: the SQL it prints for examples/saas and for a project that drops and
// narrows things, the findings (exact texts and spans), --out's refusals, the migrations-table row
// (the hash drizzle-orm's own migrator computes), and the down run on PGlite after drizzle-orm's
// real migrator: the row goes, the schema comes back, and drizzle's migrate applies the file again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/down/messages.js';
import { DOWN_DOCS_URL } from '../../src/down/down-project.js';
import { RULES } from '../../src/rules/index.js';
import { copyExample, runMain } from '../helpers/run-main.js';
import { tempProject } from '../helpers/temp-project.js';
import { readCatalog } from '../helpers/catalog.js';

function journal(tags: string[]): string {
  return JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1700000000000 + idx * 1000, tag, breakpoints: true })),
  });
}

const SHOP = {
  'drizzle/0000_init.sql': [
    `CREATE TYPE "public"."status" AS ENUM('new', 'paid');--> statement-breakpoint`,
    `CREATE TABLE "orders" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"code" varchar(40) NOT NULL,\n\t"note" text DEFAULT 'none',\n\t"total" numeric(10, 2) DEFAULT '0' NOT NULL,\n\t"status" "status" DEFAULT 'new' NOT NULL,\n\tCONSTRAINT "orders_code_unique" UNIQUE("code"),\n\tCONSTRAINT "total_positive" CHECK ("orders"."total" >= 0)\n);--> statement-breakpoint`,
    `CREATE INDEX "orders_note_idx" ON "orders" USING btree ("note");`,
  ].join('\n'),
  'drizzle/0001_trim.sql': [
    `ALTER TABLE "orders" DROP COLUMN "note";--> statement-breakpoint`,
    `ALTER TABLE "orders" ALTER COLUMN "total" SET DATA TYPE integer;--> statement-breakpoint`,
    `ALTER TYPE "public"."status" ADD VALUE 'refunded';--> statement-breakpoint`,
    `ALTER TABLE "orders" RENAME COLUMN "code" TO "reference";`,
  ].join('\n'),
  'drizzle/meta/_journal.json': journal(['0000_init', '0001_trim']),
};

const SHOP_DOWN = (hash: string, when: number) => `-- Down migration written by drizzle-migration-lint 0.1.0.
-- Reverses 0001_trim.
-- Run it in one transaction (psql --single-transaction -f <this file>), then drizzle-kit migrate applies the migrations again.
--
-- NOT REVERSIBLE: running this does not bring back what these statements destroyed:
--   drizzle/0001_trim.sql:1:1: Drops column "note" of "orders" and its values: down re-adds the column, without them.
--   drizzle/0001_trim.sql:2:1: Changes "orders"."total" from numeric(10, 2) to integer, which loses information: down converts the values back to numeric(10, 2), not to the originals.
--
-- MAY FAIL ON DATA written since the migration ran:
--   drizzle/0001_trim.sql:3:1: down removes 'refunded' from enum "status" by re-creating the type (Postgres cannot drop an enum value): it fails while a row holds a removed value.

-- Reverses drizzle/0001_trim.sql
-- line 4: ALTER TABLE "orders" RENAME COLUMN "code" TO "reference"
ALTER TABLE orders RENAME COLUMN reference TO code;
-- line 3: ALTER TYPE "public"."status" ADD VALUE 'refunded'
ALTER TYPE "public"."status" RENAME TO "status__down_old";
CREATE TYPE "public"."status" AS ENUM('new', 'paid');
ALTER TABLE "public"."orders" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "public"."orders" ALTER COLUMN "status" SET DATA TYPE "public"."status" USING "status"::text::"public"."status";
ALTER TABLE "public"."orders" ALTER COLUMN "status" SET DEFAULT 'new';
DROP TYPE "public"."status__down_old";
-- line 2: ALTER TABLE "orders" ALTER COLUMN "total" SET DATA TYPE integer
ALTER TABLE "public"."orders" DROP CONSTRAINT "total_positive";
ALTER TABLE "public"."orders" ALTER COLUMN "total" DROP DEFAULT;
ALTER TABLE "public"."orders" ALTER COLUMN "total" SET DATA TYPE numeric(10, 2) USING "total"::numeric(10, 2);
ALTER TABLE "public"."orders" ALTER COLUMN "total" SET DEFAULT '0';
ALTER TABLE "public"."orders" ADD CONSTRAINT total_positive CHECK (orders.total >= 0);
-- line 1: ALTER TABLE "orders" DROP COLUMN "note"
ALTER TABLE "public"."orders" ADD COLUMN "note" text DEFAULT 'none';
CREATE INDEX orders_note_idx ON public.orders (note);
-- drizzle's record of 0001_trim, so that drizzle-kit migrate runs it again
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "hash" = '${hash}' AND "created_at" = ${when};
`;

describe('down', () => {
  it('prints the reverse of the last migration of examples/saas (exit 0: nothing lost)', async () => {
    const dir = copyExample();
    const { hash, folderMillis } = readMigrationFiles({ migrationsFolder: join(dir, 'drizzle') }).at(-1)!;
    const run = await runMain(['down'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`-- Down migration written by drizzle-migration-lint 0.1.0.
-- Reverses 0004_rename_full_name.
-- Run it in one transaction (psql --single-transaction -f <this file>), then drizzle-kit migrate applies the migrations again.
--
-- MAY FAIL ON DATA written since the migration ran:
--   drizzle/0004_rename_full_name.sql:1:1: down removes 'enterprise' from enum "plan" by re-creating the type (Postgres cannot drop an enum value): it fails while a row holds a removed value.

-- Reverses drizzle/0004_rename_full_name.sql
-- line 2: ALTER TABLE "users" RENAME COLUMN "name" TO "full_name"
ALTER TABLE users RENAME COLUMN full_name TO name;
-- line 1: ALTER TYPE "public"."plan" ADD VALUE 'enterprise'
ALTER TYPE "public"."plan" RENAME TO "plan__down_old";
CREATE TYPE "public"."plan" AS ENUM('free', 'pro');
ALTER TABLE "public"."organizations" ALTER COLUMN "plan" DROP DEFAULT;
ALTER TABLE "public"."organizations" ALTER COLUMN "plan" SET DATA TYPE "public"."plan" USING "plan"::text::"public"."plan";
ALTER TABLE "public"."organizations" ALTER COLUMN "plan" SET DEFAULT 'free';
DROP TYPE "public"."plan__down_old";
-- drizzle's record of 0004_rename_full_name, so that drizzle-kit migrate runs it again
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "hash" = '${hash}' AND "created_at" = ${folderMillis};
`);
  });

  it('says what it cannot bring back, at the top and as findings (exit 1), with drizzle-orm\'s hash', async () => {
    const dir = tempProject(SHOP);
    const { hash, folderMillis } = readMigrationFiles({ migrationsFolder: join(dir, 'drizzle') })[1];
    const text = await runMain(['down'], { cwd: dir });
    expect(text.stdout).toBe(SHOP_DOWN(hash, folderMillis));
    expect(text.code).toBe(1);
    const json = await runMain(['down', '0001_trim', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.down).toEqual({ sql: SHOP_DOWN(hash, folderMillis), migrations: [{ filePath: 'drizzle/0001_trim.sql', tag: '0001_trim', hash }] });
    expect(out.summary).toEqual({ files: 1, statements: 4, errors: 2, warnings: 1, suppressed: 0 });
    const at = (line: number, endColumn: number) => ({ line, column: 1, endLine: line, endColumn });
    expect(out.results[0].messages.map((m: Record<string, unknown>) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, docsUrl: m.docsUrl }))).toEqual([
      { ruleId: 'down-irreversible', severity: 'error', message: messages.droppedColumn({ column: '"note"', table: '"orders"' }), ...at(1, 40), docsUrl: DOWN_DOCS_URL },
      { ruleId: 'down-irreversible', severity: 'error', message: messages.lossyTypeChange({ column: '"total"', table: '"orders"', from: 'numeric(10, 2)', to: 'integer' }), ...at(2, 64), docsUrl: DOWN_DOCS_URL },
      { ruleId: 'down-caution', severity: 'warning', message: messages.enumValueRemoved({ type: '"status"', values: "'refunded'" }), ...at(3, 50), docsUrl: DOWN_DOCS_URL },
    ]);
  });

  it('runs on PGlite after drizzle-orm\'s migrator: the schema and the migrations table come back, and migrate applies the file again', async () => {
    const dir = tempProject(SHOP);
    const folder = join(dir, 'drizzle');
    const client = new PGlite();
    const catalog = () => readCatalog({ query: async (sql: string) => (await client.query(sql)).rows as never[] });
    try {
      const db = drizzle(client);
      // The history alone first, for the catalog before the migration.
      const only = tempProject({ 'drizzle/0000_init.sql': SHOP['drizzle/0000_init.sql'], 'drizzle/meta/_journal.json': journal(['0000_init']) });
      await migrate(db, { migrationsFolder: join(only, 'drizzle') });
      await client.exec(`INSERT INTO "orders" ("code", "note", "total") VALUES ('A-1', 'gift', 12.5)`);
      const before = await catalog();
      const rowsBefore = (await client.query('SELECT hash FROM drizzle.__drizzle_migrations')).rows;
      await migrate(db, { migrationsFolder: folder });
      expect((await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows).toEqual([{ n: 2 }]);
      const down = await runMain(['down'], { cwd: dir });
      await client.exec(down.stdout);
      expect(await catalog()).toEqual(before);
      expect((await client.query('SELECT hash FROM drizzle.__drizzle_migrations')).rows).toEqual(rowsBefore);
      // The row survives; the dropped column's value does not (as the file said), and the total was rounded by the migration.
      expect((await client.query('SELECT code, note, total FROM orders')).rows).toEqual([{ code: 'A-1', note: 'none', total: '13.00' }]);
      await migrate(db, { migrationsFolder: folder });
      expect((await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows).toEqual([{ n: 2 }]);
      expect((await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' AND column_name IN ('note', 'reference')`)).rows).toEqual([{ column_name: 'reference' }]);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('reverses the --baseline batch last first, and each named tag', async () => {
    const dir = tempProject(SHOP);
    const batch = await runMain(['down', '--baseline', '0000_init'], { cwd: dir });
    expect(batch.stdout.split('\n').filter((l) => l.startsWith('-- Reverses'))).toEqual(['-- Reverses 0001_trim.', '-- Reverses drizzle/0001_trim.sql']);
    expect(await runMain(['down', '--baseline', '0001_trim'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: 'drizzle-migration-lint: no pending migrations: nothing to reverse\n' });
    const both = await runMain(['down', '0000_init', '0001_trim.sql'], { cwd: dir });
    expect(both.stdout.split('\n').filter((l) => l.startsWith('-- Reverses'))).toEqual([
      '-- Reverses 2 migrations, last first: 0001_trim, 0000_init.',
      '-- Reverses drizzle/0001_trim.sql',
      '-- Reverses drizzle/0000_init.sql',
    ]);
    expect(both.stdout).toContain(`-- Reverses drizzle/0000_init.sql
-- line 11: CREATE INDEX "orders_note_idx" ON "orders" USING btree ("note")
DROP INDEX "public"."orders_note_idx";
-- line 2: CREATE TABLE "orders" (
DROP TABLE "public"."orders";
-- line 1: CREATE TYPE "public"."status" AS ENUM('new', 'paid')
DROP TYPE "public"."status";
`);
  });

  it('writes --out, but not into the migrations folder and not over a file unless asked', async () => {
    const dir = tempProject(SHOP);
    const ok = await runMain(['down', '--out', 'down/0001.sql'], { cwd: dir });
    expect(ok.code).toBe(1);
    expect(readFileSync(join(dir, 'down/0001.sql'), 'utf8')).toMatch(/^-- Down migration written by drizzle-migration-lint/);
    expect(ok.stderr).toBe('drizzle-migration-lint: wrote down/0001.sql: reverses 0001_trim; 2 parts cannot be reversed; 1 may fail on data\n');
    const again = await runMain(['down', '--out', 'down/0001.sql'], { cwd: dir });
    expect(again).toEqual({ code: 2, stdout: '', stderr: 'drizzle-migration-lint: --out down/0001.sql: the file exists; add --force to replace it\n' });
    writeFileSync(join(dir, 'down/0001.sql'), 'old');
    expect((await runMain(['down', '--out', 'down/0001.sql', '--force'], { cwd: dir })).code).toBe(1);
    expect(readFileSync(join(dir, 'down/0001.sql'), 'utf8')).not.toBe('old');
    const into = await runMain(['down', '--out', 'drizzle/0001_down.sql'], { cwd: dir });
    expect(into.code).toBe(2);
    expect(into.stderr).toBe(
      'drizzle-migration-lint: --out drizzle/0001_down.sql: refusing to write into the migrations folder drizzle (drizzle-kit would take it for a migration); add --into-migrations-folder if that is what you want\n',
    );
    expect(existsSync(join(dir, 'drizzle/0001_down.sql'))).toBe(false);
    expect((await runMain(['down', '--out', 'drizzle/0001_down.sql', '--into-migrations-folder'], { cwd: dir })).code).toBe(1);
    expect(existsSync(join(dir, 'drizzle/0001_down.sql'))).toBe(true);
  });

  it('names an unknown tag in one line (exit 2), and reports as lint does in the CI formats', async () => {
    const dir = tempProject(SHOP);
    expect(await runMain(['down', '0009_nope'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'drizzle-migration-lint: down: no migration "0009_nope" in drizzle (the last one is 0001_trim)\n',
    });
    const github = await runMain(['down', '--format', 'github'], { cwd: dir });
    expect(github.code).toBe(1);
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => l.slice(0, l.indexOf('::', 2)))).toEqual([
      '::error file=drizzle/0001_trim.sql,line=1,col=1,endLine=1,endColumn=40,title=down-irreversible',
      '::error file=drizzle/0001_trim.sql,line=2,col=1,endLine=2,endColumn=64,title=down-irreversible',
      '::warning file=drizzle/0001_trim.sql,line=3,col=1,endLine=3,endColumn=50,title=down-caution',
    ]);
    const sarif = JSON.parse((await runMain(['down', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual(['down-irreversible error', 'down-irreversible error', 'down-caution warning']);
    // Not lint rules: tool-side descriptors after the registry's, each result pointing at its own.
    const rules = sarif.runs[0].tool.driver.rules as { id: string; name: string; helpUri: string; defaultConfiguration: { level: string } }[];
    expect(rules.slice(RULES.length).map((r) => [r.id, r.name, r.helpUri, r.defaultConfiguration.level])).toEqual([
      ['down-irreversible', 'DownIrreversible', DOWN_DOCS_URL, 'error'],
      ['down-caution', 'DownCaution', DOWN_DOCS_URL, 'warning'],
    ]);
    expect(sarif.runs[0].results.map((r: { ruleIndex: number }) => r.ruleIndex)).toEqual([RULES.length, RULES.length, RULES.length + 1]);
  });
});

describe('down deletes only its own migrations-table row', () => {
  it('two migrations with the same text (same hash, PageSpace 0008/0009): the earlier row stays', async () => {
    const same = `DROP INDEX IF EXISTS "t_idx";--> statement-breakpoint\nCREATE INDEX IF NOT EXISTS "t_idx" ON "t" USING btree ("a");`;
    const dir = tempProject({
      'drizzle/0000_init.sql': 'CREATE TABLE "t" ("a" integer);',
      'drizzle/0001_same.sql': same,
      'drizzle/0002_same_again.sql': same,
      'drizzle/meta/_journal.json': journal(['0000_init', '0001_same', '0002_same_again']),
    });
    const files = readMigrationFiles({ migrationsFolder: join(dir, 'drizzle') });
    expect(files[1].hash).toBe(files[2].hash);
    const client = new PGlite();
    try {
      await migrate(drizzle(client), { migrationsFolder: join(dir, 'drizzle') });
      const down = await runMain(['down'], { cwd: dir });
      expect(down.stdout.trimEnd().split('\n').at(-1)).toBe(`DELETE FROM "drizzle"."__drizzle_migrations" WHERE "hash" = '${files[2].hash}' AND "created_at" = ${files[2].folderMillis};`);
      await client.exec(down.stdout);
      expect((await client.query('SELECT hash, created_at::float8 AS at FROM drizzle.__drizzle_migrations ORDER BY id')).rows).toEqual([
        { hash: files[0].hash, at: files[0].folderMillis },
        { hash: files[1].hash, at: files[1].folderMillis },
      ]);
    } finally {
      await client.close();
    }
  });
});

describe('down and drizzle.config', () => {
  it("deletes drizzle's row from the migrations table drizzle.config names", async () => {
    const dir = tempProject({
      ...SHOP,
      'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', out: './drizzle', migrations: { table: 'applied', schema: 'ops' } });\n`,
    });
    const run = await runMain(['down'], { cwd: dir });
    const { hash, folderMillis } = readMigrationFiles({ migrationsFolder: join(dir, 'drizzle') })[1];
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`DELETE FROM "ops"."applied" WHERE "hash" = '${hash}' AND "created_at" = ${folderMillis};`);
  });
});

describe('down --help', () => {
  it('lists down among the commands and its own options', async () => {
    const top = await runMain(['--help'], { cwd: process.cwd() });
    expect(top.stdout).toMatch(/\n {2}down \[options\] \[tags\.\.\.\] +write the SQL that reverses migrations/);
    const own = await runMain(['down', '--help'], { cwd: process.cwd() });
    expect(own.code).toBe(0);
    for (const option of ['--out <file>', '--force', '--into-migrations-folder', '--since <git-ref>', '--baseline <tag>', '-f, --format <format>']) expect(own.stdout).toContain(option);
  });
});
