import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/unbalanced-transaction.js';

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
          messages.escapeDrizzle({ begin: true, operations: 'CREATE INDEX CONCURRENTLY', fromLine: 3, toLine: 9, count: 1 }),
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 7,
      },
    },
    {
      sql: `COMMIT;\n${BP}DROP INDEX CONCURRENTLY IF EXISTS "a_idx";\n${BP}CREATE INDEX CONCURRENTLY IF NOT EXISTS "b_idx" ON "t" ("b");\n${BP}SET lock_timeout = '5s';`,
      description: 'escape with no BEGIN after it',
      expect: { message: messages.escapeDrizzle({ begin: false, operations: 'DROP INDEX CONCURRENTLY, CREATE INDEX CONCURRENTLY', count: 2, fromLine: 1, toLine: 7 }), line: 1, column: 1, endLine: 1, endColumn: 7 },
    },
    {
      sql: 'BEGIN;\nALTER TABLE "users" ADD COLUMN "age" integer;\nCOMMIT;',
      expect: { message: messages.beginCommitWholeFile({ commitLine: 3 }), line: 1, column: 1, endLine: 1, endColumn: 6 },
    },
    {
      sql: 'ALTER TABLE "a" ADD COLUMN "x" int;\nBEGIN TRANSACTION;\nUPDATE "a" SET "x" = 1;\nCOMMIT;\nALTER TABLE "a" ADD COLUMN "y" int;',
      expect: { message: messages.beginCommitPair({ beginLine: 2, commitLine: 4 }), line: 2, column: 1, endLine: 2, endColumn: 18 },
    },
    {
      sql: 'ALTER TABLE "a" ADD COLUMN "x" int;\nCOMMIT;\nUPDATE "a" SET "x" = 1;\nROLLBACK;',
      expect: [
        { message: messages.commitInDrizzle(), line: 2, column: 1, endLine: 2, endColumn: 7 },
        { message: messages.rollbackInDrizzle(), line: 4, column: 1, endLine: 4, endColumn: 9 },
      ],
    },
    {
      sql: 'BEGIN;\nCREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;',
      config: { runner: 'none' },
      expect: { message: messages.nestedBegin({ outer: 'BEGIN at line 1' }), line: 3, column: 1, endLine: 3, endColumn: 6 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);',
      config: { runner: 'none' },
      expect: { message: messages.neverCommitted(), line: 2, column: 1, endLine: 2, endColumn: 6 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nCOMMIT;',
      config: { runner: 'none' },
      expect: { message: messages.noOpenTransaction({ control: 'COMMIT' }), line: 2, column: 1, endLine: 2, endColumn: 7 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);',
      config: { runner: 'per-file' },
      expect: { message: messages.endsRunnerTransaction({ control: 'COMMIT' }), line: 2, column: 1, endLine: 2, endColumn: 7 },
    },
    {
      sql: 'CREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;',
      config: { runner: 'per-file' },
      expect: { message: messages.nestedBegin({ outer: messages.nestedBeginInRunner() }), line: 2, column: 1, endLine: 2, endColumn: 6 },
    },
  ],
});
