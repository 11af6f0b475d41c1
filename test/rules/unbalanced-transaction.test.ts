import { testRule } from '../helpers/test-rule.js';

const BP = '--> statement-breakpoint\n';

testRule('unbalanced-transaction', {
  accept: [
    { sql: 'ALTER TABLE "users" ADD COLUMN "age" integer;' },
    { sql: 'BEGIN;\nALTER TABLE "users" ADD COLUMN "age" integer;\nCOMMIT;', config: { runner: 'none' } },
    { sql: 'BEGIN;\nALTER TABLE "users" ADD COLUMN "age" integer;\nCOMMIT;', config: { runner: 'per-file' }, description: 'a whole-file wrapper inside the runner transaction only warns' },
    { sql: 'DO $$ BEGIN\n  CREATE TYPE "s" AS ENUM (\'a\');\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;', description: 'PL/pgSQL BEGIN is not a transaction' },
    { sql: 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;', config: { runner: 'none' } },
  ],
  reject: [
    {
      sql: `ALTER TABLE "users" ADD COLUMN "age" integer;\n${BP}COMMIT;\n${BP}SET lock_timeout = 0;\n${BP}CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_age_idx" ON "users" ("age");\n${BP}BEGIN;`,
      description: 'the escape hatch: one finding that says what it costs',
      expect: {
        message:
          "COMMIT … BEGIN around CREATE INDEX CONCURRENTLY (lines 3–9) deliberately leaves drizzle-kit migrate's batch transaction so that it can run. It works, at a cost: everything before the COMMIT, earlier migrations of the batch included, is committed on its own, so if a later statement fails the migration is half applied and a rerun repeats the committed part; and a CONCURRENTLY build that fails leaves an INVALID index that IF NOT EXISTS then silently keeps.",
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 7,
      },
    },
    {
      sql: `COMMIT;\n${BP}DROP INDEX CONCURRENTLY IF EXISTS "a_idx";\n${BP}CREATE INDEX CONCURRENTLY IF NOT EXISTS "b_idx" ON "t" ("b");\n${BP}SET lock_timeout = '5s';`,
      description: 'escape with no BEGIN after it',
      expect: { message: /^COMMIT … around DROP INDEX CONCURRENTLY, CREATE INDEX CONCURRENTLY \(lines 1–7\).* With no BEGIN after it, the rest of the batch also runs without a transaction\.$/, line: 1, column: 1, endLine: 1, endColumn: 7 },
    },
    {
      sql: 'BEGIN;\nALTER TABLE "users" ADD COLUMN "age" integer;\nCOMMIT;',
      expect: { message: /^BEGIN … COMMIT around the whole migration: drizzle-kit migrate already runs the batch in one transaction/, line: 1, column: 1, endLine: 1, endColumn: 6 },
    },
    {
      sql: 'ALTER TABLE "a" ADD COLUMN "x" int;\nBEGIN TRANSACTION;\nUPDATE "a" SET "x" = 1;\nCOMMIT;\nALTER TABLE "a" ADD COLUMN "y" int;',
      expect: { message: /^BEGIN … COMMIT \(lines 2–4\): .* what follows runs without a transaction/, line: 2, column: 1, endLine: 2, endColumn: 18 },
    },
    {
      sql: 'ALTER TABLE "a" ADD COLUMN "x" int;\nCOMMIT;\nUPDATE "a" SET "x" = 1;\nROLLBACK;',
      expect: [
        { message: /^COMMIT inside a migration commits drizzle-kit migrate’s batch transaction early/, line: 2, column: 1, endLine: 2, endColumn: 7 },
        { message: /^ROLLBACK inside a migration undoes everything/, line: 4, column: 1, endLine: 4, endColumn: 9 },
      ],
    },
    {
      sql: 'BEGIN;\nCREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;',
      config: { runner: 'none' },
      expect: { message: 'BEGIN inside a transaction that is already open (BEGIN at line 1): Postgres ignores it with a warning, so the next COMMIT ends the outer transaction too.', line: 3, column: 1, endLine: 3, endColumn: 6 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);',
      config: { runner: 'none' },
      expect: { message: /^BEGIN is never committed in this file/, line: 2, column: 1, endLine: 2, endColumn: 6 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nCOMMIT;',
      config: { runner: 'none' },
      expect: { message: /^COMMIT with no open transaction: Postgres only warns \(25P01\)/, line: 2, column: 1, endLine: 2, endColumn: 7 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);',
      config: { runner: 'per-file' },
      expect: { message: /^COMMIT in the middle of the file ends the runner's transaction early/, line: 2, column: 1, endLine: 2, endColumn: 7 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;',
      config: { runner: 'per-file' },
      expect: { message: /^BEGIN inside a transaction that is already open \(the runner runs each file in one\)/, line: 2, column: 1, endLine: 2, endColumn: 6 },
    },
  ],
});
