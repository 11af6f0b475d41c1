import { afterHistory, migrationPath, sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/changing-column-type-without-using.js';

const INIT =
  'CREATE TYPE "public"."status" AS ENUM(\'a\', \'b\');\n--> statement-breakpoint\n' +
  'CREATE TABLE "t" ("id" integer, "s" text, "v" varchar(36), "n" integer, "flag" boolean, "st" "status", "tags" text[], "at" timestamp);';
const on = (sql: string) => ({ files: afterHistory(INIT, sql), description: sql });
const noCast = (column: string, from: string, to: string) => messages.noCast({ column, table: '"t"', from, to });
const at = (message: string, endColumn: number) => ({ file: migrationPath(1), message, line: 1, column: 48, endLine: 1, endColumn });

testRule('changing-column-type-without-using', {
  accept: [
    on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE integer USING "s"::integer;'),
    on('ALTER TABLE "t" ALTER COLUMN "n" SET DATA TYPE bigint;'),
    on('ALTER TABLE "t" ALTER COLUMN "n" SET DATA TYPE text;'),
    on('ALTER TABLE "t" ALTER COLUMN "st" SET DATA TYPE text;'),
    on('ALTER TABLE "t" ALTER COLUMN "flag" SET DATA TYPE varchar(5);'),
    on('ALTER TABLE "t" ALTER COLUMN "tags" SET DATA TYPE varchar(20)[];'),
    on('ALTER TABLE "t" ALTER COLUMN "at" SET DATA TYPE timestamp with time zone;'),
    on('ALTER TABLE "t" ALTER COLUMN "at" SET DATA TYPE date;'),
    on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE "citext";'),
    { sql: 'ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE integer;', description: 'old type unknown: silent (changing-column-type says so)' },
  ],
  reject: [
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE integer;'), expect: at(noCast('"s"', 'text', 'integer'), 55) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "v" SET DATA TYPE uuid;'), expect: at(noCast('"v"', 'varchar(36)', 'uuid'), 52) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE "public"."status";'), expect: at(noCast('"s"', 'text', 'public.status'), 65) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "n" SET DATA TYPE boolean;'), expect: at(noCast('"n"', 'integer', 'boolean'), 55) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE timestamp;'), expect: at(noCast('"s"', 'text', 'timestamp'), 57) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "s" SET DATA TYPE text[];'), expect: at(noCast('"s"', 'text', 'text[]'), 54) },
    {
      files: sameBatch('CREATE TABLE "x"."t" ("s" text);', 'DO $$ BEGIN\n  ALTER TABLE "x"."t" ALTER COLUMN "s" SET DATA TYPE jsonb;\nEND $$;'),
      description: 'no exemption for a table new in the batch: the statement fails before it reads a row; DO block; schema-qualified',
      expect: { file: migrationPath(1), message: messages.noCast({ column: '"s"', table: '"x"."t"', from: 'text', to: 'jsonb' }), line: 2, column: 54, endLine: 2, endColumn: 59 },
    },
  ],
});
