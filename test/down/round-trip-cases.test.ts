// One hand-made project that exercises each kind of reversal on PGlite: every migration is applied
// after its history, `down`'s SQL is run, and the catalog must come back (round-tripped), or the
// migration is declared irreversible for the reasons pinned here.
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { loadParser } from '../../src/sql/index.js';
import { tempProject } from '../helpers/temp-project.js';
import { roundTripFolder } from './round-trip.js';

const MIGRATIONS: [string, string][] = [
  ['0000_init', `CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');
CREATE TABLE "users" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL, "email" varchar(255) NOT NULL, "mood" "mood" DEFAULT 'ok', "created_at" timestamp DEFAULT now() NOT NULL, CONSTRAINT "users_email_unique" UNIQUE("email"));
CREATE TABLE "posts" ("id" serial PRIMARY KEY NOT NULL, "user_id" uuid, "title" text NOT NULL, "body" text, "score" numeric(6, 2) DEFAULT '0', CONSTRAINT "title_len" CHECK (length("posts"."title") > 0));
ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
CREATE INDEX "posts_title_idx" ON "posts" USING btree (lower("title")) WHERE "body" IS NOT NULL;
CREATE INDEX "users_sad_idx" ON "users" USING btree ("id") WHERE "mood" = 'sad';
ALTER TABLE "posts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own" ON "posts" AS PERMISSIVE FOR SELECT TO public USING ("posts"."user_id" IS NOT NULL);`],
  ['0001_drop_body', `ALTER TABLE "posts" DROP COLUMN "body";`],
  ['0002_email_text', `ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE text;
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
ALTER TABLE "posts" ALTER COLUMN "score" SET DATA TYPE numeric(8, 2);`],
  ['0003_drop_posts', `DROP TABLE "posts" CASCADE;`],
  ['0004_renames', `ALTER TABLE "users" RENAME TO "members";
ALTER TABLE "members" RENAME COLUMN "email" TO "mail";
ALTER TABLE "members" RENAME CONSTRAINT "users_email_unique" TO "members_mail_unique";`],
  ['0005_enum_value', `ALTER TYPE "public"."mood" ADD VALUE 'great';`],
  ['0006_adds', `ALTER TABLE "members" ADD COLUMN "n" integer GENERATED ALWAYS AS IDENTITY (sequence name "members_n_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);
CREATE UNIQUE INDEX "members_mail_idx" ON "members" USING btree ("mail");
ALTER TABLE "members" ADD CONSTRAINT "mail_check" CHECK ("mail" <> '') NOT VALID;
ALTER TABLE "members" ALTER COLUMN "mood" SET NOT NULL;`],
  ['0007_validate_and_drops', `ALTER TABLE "members" VALIDATE CONSTRAINT "mail_check";
ALTER TABLE "members" DROP CONSTRAINT "members_mail_unique";
DROP INDEX "members_mail_idx";
ALTER TABLE "members" ALTER COLUMN "created_at" DROP DEFAULT;`],
  ['0008_schema_view', `CREATE SCHEMA if not exists "drizzle";
CREATE SCHEMA "app";
CREATE TABLE "app"."t" ("id" integer PRIMARY KEY NOT NULL, "label" text);
CREATE VIEW "app"."v" AS (SELECT "id" FROM "app"."t");`],
  ['0009_view_default', `DROP VIEW "app"."v";
ALTER TABLE "app"."t" ADD COLUMN "x" text DEFAULT 'a';
ALTER TABLE "app"."t" ALTER COLUMN "x" SET DEFAULT 'b';
ALTER TABLE "app"."t" ALTER COLUMN "id" SET DATA TYPE bigint;`],
  ['0010_function_trigger', `CREATE OR REPLACE FUNCTION "app"."touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.label := 'x'; RETURN NEW; END $$;
CREATE TRIGGER "t_touch" BEFORE INSERT ON "app"."t" FOR EACH ROW EXECUTE FUNCTION "app"."touch"();`],
  ['0011_data_and_lossy', `INSERT INTO "app"."t" ("id") VALUES (1);
ALTER TABLE "app"."t" ALTER COLUMN "label" SET DATA TYPE varchar(10);
ALTER TABLE "members" ALTER COLUMN "created_at" SET DATA TYPE date;`],
];

beforeAll(() => loadParser());

it('every kind of reversal round-trips on PGlite, or is declared irreversible for its reason', { timeout: 120_000 }, async () => {
  const files: Record<string, string> = {};
  for (const [tag, sql] of MIGRATIONS) files[`drizzle/${tag}.sql`] = sql.replace(/;\n/g, ';--> statement-breakpoint\n');
  files['drizzle/meta/_journal.json'] = JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: MIGRATIONS.map(([tag], idx) => ({ idx, version: '7', when: 1700000000000 + idx, tag, breakpoints: true })),
  });
  const dir = tempProject(files);
  const { folders } = findProject({ paths: [join(dir, 'drizzle')], cwd: dir, runner: 'drizzle' });
  const out = await roundTripFolder(folders[0], dir);
  expect(out.stoppedAt).toBeUndefined();
  expect(JSON.parse(JSON.stringify(out.migrations.map((m) => ({ path: m.path, status: m.status, reasons: m.reasons, catalogRestored: m.catalogRestored, error: m.error, diff: m.diff }))))).toEqual([
    { path: 'drizzle/0000_init.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0001_drop_body.sql', status: 'irreversible', reasons: ['dropped-column'], catalogRestored: true },
    { path: 'drizzle/0002_email_text.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0003_drop_posts.sql', status: 'irreversible', reasons: ['dropped-table'], catalogRestored: true },
    { path: 'drizzle/0004_renames.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0005_enum_value.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0006_adds.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0007_validate_and_drops.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0008_schema_view.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0009_view_default.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0010_function_trigger.sql', status: 'round-tripped', reasons: [] },
    { path: 'drizzle/0011_data_and_lossy.sql', status: 'irreversible', reasons: ['data-change', 'lossy-type-change'], catalogRestored: true },
  ]);
});

// The four classes the corpus round trip once failed on (2witstudios__PageSpace): each must now
// round-trip. Without the fixes: 0002 deletes 0001's row too (same text, same hash), 0003's down
// re-creates a function that exists ("already exists"), 0004's down drops a temporary table that is
// gone, 0005's down is a syntax error (the deparser's `ALTER TRIGGER t RENAME TO …`).
const PAGESPACE_CLASSES: [string, string][] = [
  ['0000_init', `CREATE TABLE "t" ("a" integer, "b" text);
CREATE FUNCTION "score"("uid" text) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "t_old" BEFORE INSERT ON "t" FOR EACH ROW EXECUTE FUNCTION "touch"();`],
  ['0001_index', `DROP INDEX IF EXISTS "t_a_idx";
CREATE INDEX IF NOT EXISTS "t_a_idx" ON "t" USING btree ("a");`],
  ['0002_index_again', `DROP INDEX IF EXISTS "t_a_idx";
CREATE INDEX IF NOT EXISTS "t_a_idx" ON "t" USING btree ("a");`],
  ['0003_function_again', `DROP FUNCTION IF EXISTS "score"(text);
CREATE FUNCTION "score"("uid" text) RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;`],
  ['0004_temp_helper', `CREATE TEMP TABLE "_helper" ON COMMIT DROP AS SELECT "a" FROM "t";
CREATE INDEX "_helper_a_idx" ON "_helper" ("a");
ALTER TABLE "t" ADD COLUMN "c" integer;
DROP TABLE "_helper";`],
  ['0005_trigger_rename', `ALTER TRIGGER "t_old" ON "t" RENAME TO "t_new";`],
];

it('same-hash twins, a function dropped and created again, a temporary helper table, a trigger rename: all round-trip', { timeout: 120_000 }, async () => {
  const files: Record<string, string> = {};
  for (const [tag, sql] of PAGESPACE_CLASSES) files[`drizzle/${tag}.sql`] = sql.replace(/;\n/g, ';--> statement-breakpoint\n');
  files['drizzle/meta/_journal.json'] = JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: PAGESPACE_CLASSES.map(([tag], idx) => ({ idx, version: '7', when: 1700000000000 + idx, tag, breakpoints: true })),
  });
  const dir = tempProject(files);
  const { folders } = findProject({ paths: [join(dir, 'drizzle')], cwd: dir, runner: 'drizzle' });
  const out = await roundTripFolder(folders[0], dir);
  expect(out.stoppedAt).toBeUndefined();
  expect(JSON.parse(JSON.stringify(out.migrations.map((m) => ({ path: m.path, status: m.status, reasons: m.reasons, error: m.error, diff: m.diff }))))).toEqual(
    PAGESPACE_CLASSES.map(([tag]) => ({ path: `drizzle/${tag}.sql`, status: 'round-tripped', reasons: [] })),
  );
});
