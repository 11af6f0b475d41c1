import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/prefer-robust-statements.js';

const none = { runner: 'none' as const };

testRule('prefer-robust-statements', {
  accept: [
    { sql: 'CREATE TABLE "t" ("id" bigint);', description: 'runner drizzle: the transaction makes a re-run start from scratch' },
    { sql: 'CREATE INDEX "i" ON "t" ("a");', config: { runner: 'per-file' } },
    {
      sql: 'CREATE TABLE IF NOT EXISTS "t" ("id" bigint);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "i" ON "t" ("a");\nALTER TABLE "t" ADD COLUMN IF NOT EXISTS "b" text;\nDROP TABLE IF EXISTS "old";\nALTER TABLE "t" DROP CONSTRAINT IF EXISTS "c";',
      config: none,
    },
    { sql: 'BEGIN;\nCREATE TABLE "t" ("id" bigint);\nCOMMIT;', config: none, description: 'explicit transaction' },
    {
      sql: 'DO $$ BEGIN\n CREATE TYPE "mood" AS ENUM (\'a\');\n CREATE TABLE "t" ("id" bigint);\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;',
      config: none,
      description: "inside drizzle's guarded DO block",
    },
    { sql: 'CREATE TYPE "mood" AS ENUM (\'a\');', config: none, description: 'no IF NOT EXISTS form exists' },
  ],
  reject: [
    {
      sql: 'CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" ("email");',
      config: none,
      expect: {
        message: messages.notRerunnable({ what: 'CREATE INDEX "users_email_idx"', clause: 'IF NOT EXISTS', code: '42P07' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 65,
      },
    },
    {
      sql: '-- é\nCREATE TABLE "t" ("id" bigint);\nALTER TABLE "t" ADD COLUMN "a" text, DROP COLUMN "b";\nDROP TABLE "old", "auth"."older";',
      config: none,
      expect: [
        { message: messages.notRerunnable({ what: 'CREATE TABLE "t"', clause: 'IF NOT EXISTS', code: '42P07' }), line: 2, column: 14, endLine: 2, endColumn: 31 },
        { message: messages.notRerunnable({ what: 'DROP COLUMN "b" on "t"', clause: 'IF EXISTS', code: '42703' }), line: 3, column: 1, endLine: 3, endColumn: 53 },
        { message: messages.notRerunnable({ what: 'ADD COLUMN "a" on "t"', clause: 'IF NOT EXISTS', code: '42701' }), line: 3, column: 28, endLine: 3, endColumn: 53 },
        { message: messages.notRerunnable({ what: 'DROP TABLE "old", "auth"."older"', clause: 'IF EXISTS', code: '42P01' }), line: 4, column: 1, endLine: 4, endColumn: 33 },
      ],
    },
  ],
});
