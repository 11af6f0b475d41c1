import { testRule } from '../helpers/test-rule.js';

const INIT =
  'CREATE TYPE "public"."status" AS ENUM(\'a\', \'b\');\n--> statement-breakpoint\n' +
  'CREATE TABLE "t" ("id" integer, "s" text, "v" varchar(36), "n" integer, "flag" boolean, "st" "status", "tags" text[], "at" timestamp);';
const on = (sql: string, batch = 1) => ({
  files: [
    { path: 'drizzle/0000_init.sql', text: INIT, batch: 0 },
    { path: 'drizzle/0001_change.sql', text: sql, batch },
  ],
  description: sql,
});
const at = (message: string | RegExp, line: number, column: number) => ({ file: 'drizzle/0001_change.sql', message, line, column });

testRule('changing-column-type-without-using', {
  accept: [
    on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE integer USING "s"::integer;'),
    on('ALTER TABLE "t" ALTER COLUMN "n" SET DATA TYPE bigint;'),
    on('ALTER TABLE "t" ALTER COLUMN "n" SET DATA TYPE text;', 1),
    on('ALTER TABLE "t" ALTER COLUMN "st" SET DATA TYPE text;'),
    on('ALTER TABLE "t" ALTER COLUMN "flag" SET DATA TYPE varchar(5);'),
    on('ALTER TABLE "t" ALTER COLUMN "tags" SET DATA TYPE varchar(20)[];'),
    on('ALTER TABLE "t" ALTER COLUMN "at" SET DATA TYPE timestamp with time zone;'),
    on('ALTER TABLE "t" ALTER COLUMN "at" SET DATA TYPE date;'),
    on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE "citext";', 1),
    { sql: 'ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE integer;', description: 'old type unknown: silent (changing-column-type says so)' },
  ],
  reject: [
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE integer;'),
      expect: at(
        'Changing "s" on "t" from text to integer without USING fails with 42804 (column cannot be cast automatically): Postgres has no implicit or assignment cast from text to integer, so the migration stops here and its transaction rolls back.',
        1,
        48,
      ),
    },
    { ...on('ALTER TABLE "t" ALTER COLUMN "v" SET DATA TYPE uuid;'), expect: at(/from varchar\(36\) to uuid without USING fails with 42804/, 1, 48) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE "public"."status";'), expect: at(/from text to public\.status without USING fails/, 1, 48) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "n" SET DATA TYPE boolean;'), expect: at(/from integer to boolean without USING fails/, 1, 48) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE timestamp;'), expect: at(/from text to timestamp without USING fails/, 1, 48) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE text[];'), expect: at(/from text to text\[\] without USING fails/, 1, 48) },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "x"."t" ("s" text);', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: 'DO $$ BEGIN\n  ALTER TABLE "x"."t" ALTER COLUMN "s" SET DATA TYPE jsonb;\nEND $$;', batch: 1 },
      ],
      description: 'no exemption for a table new in the batch: the statement fails before it reads a row; DO block; schema-qualified',
      expect: { file: 'drizzle/0001_b.sql', message: /^Changing "s" on "x"\."t" from text to jsonb without USING fails/, line: 2, column: 54 },
    },
  ],
});
