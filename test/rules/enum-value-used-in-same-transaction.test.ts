import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/enum-value-used-in-same-transaction.js';

const BP = '--> statement-breakpoint\n';
const HISTORY = {
  path: 'drizzle/0000_init.sql',
  text: `CREATE TYPE "public"."status" AS ENUM('active', 'paused');\n${BP}CREATE TABLE "jobs" ("id" serial PRIMARY KEY, "status" "status" DEFAULT 'active' NOT NULL, "note" text);`,
  batch: 0,
};
const ADD = `ALTER TYPE "public"."status" ADD VALUE 'archived';\n`;
const MOOD = `CREATE TYPE "mood" AS ENUM('sad');\n${BP}ALTER TYPE "mood" ADD VALUE 'happy';\n${BP}CREATE TABLE "t" ("m" "mood" DEFAULT 'happy');`;
const archived = (where: string, scope = messages.scopeBatch()) => messages.usedTooSoon({ value: 'archived', enumName: '"status"', where, scope });

testRule('enum-value-used-in-same-transaction', {
  accept: [
    { files: [HISTORY, { path: 'drizzle/0001_a.sql', text: ADD, batch: 1 }, { path: 'drizzle/0002_b.sql', text: `UPDATE "jobs" SET "status" = 'archived' WHERE "id" = 1;`, batch: 2 }], description: 'used in a later batch' },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `${ADD}${BP}UPDATE "jobs" SET "note" = 'archived' WHERE "id" = 1;`, batch: 1 }],
      description: 'the same text assigned to a text column of a table that has an enum column',
      config: { runner: 'per-file' },
    },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `${ADD}${BP}INSERT INTO "logs" ("msg") VALUES ('archived');`, batch: 1 }],
      description: 'a table with no column of the enum',
    },
    { sql: MOOD, config: { postgresVersion: 17 }, description: 'enum created in the same transaction: PostgreSQL 17 and later allow it' },
    { files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `${ADD}${BP}ALTER TABLE "jobs" ALTER COLUMN "status" SET DEFAULT 'archived';`, batch: 1 }], config: { runner: 'none' }, description: 'runner none: ADD VALUE commits first' },
    { files: [HISTORY, { path: 'drizzle/0001_a.sql', text: ADD, batch: 1 }], config: { postgresVersion: 12 }, description: 'ADD VALUE alone on PG 12' },
  ],
  reject: [
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `${ADD}${BP}ALTER TABLE "jobs" ALTER COLUMN "status" SET DEFAULT 'archived';`, batch: 1 }],
      expect: { file: 'drizzle/0001_a.sql', message: archived('line 1'), line: 3, column: 54, endLine: 3, endColumn: 64 },
    },
    {
      files: [
        HISTORY,
        { path: 'drizzle/0001_a.sql', text: ADD, batch: 1 },
        { path: 'drizzle/0002_b.sql', text: `UPDATE "jobs" SET "status" = 'archived' WHERE "status" = 'paused';`, batch: 1 },
      ],
      description: 'across files of one batch',
      expect: { file: 'drizzle/0002_b.sql', message: archived('drizzle/0001_a.sql line 1'), line: 1, column: 30, endLine: 1, endColumn: 66 },
    },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `BEGIN;\n${ADD}SELECT 'archived'::"status";\nCOMMIT;`, batch: 1 }],
      config: { runner: 'none' },
      description: 'explicit transaction, explicit cast',
      expect: { file: 'drizzle/0001_a.sql', message: archived('line 2', messages.scopeTransaction()), line: 3, column: 8, endLine: 3, endColumn: 28 },
    },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `${ADD}${BP}DO $$ BEGIN\n  UPDATE jobs SET status = 'archived' WHERE id = 1;\nEND $$;`, batch: 1 }],
      description: 'inside a DO block',
      expect: { file: 'drizzle/0001_a.sql', message: archived('line 1'), line: 4, column: 28, endLine: 4, endColumn: 51 },
    },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: ADD, batch: 1 }],
      config: { postgresVersion: 11 },
      description: 'PG < 12: ADD VALUE itself cannot run in a transaction',
      expect: { file: 'drizzle/0001_a.sql', message: messages.addValueInTransaction({ pg: 11 }), line: 1, column: 1, endLine: 1, endColumn: 50 },
    },
    {
      sql: MOOD,
      description: 'enum created in the same transaction: below PostgreSQL 17 its new value fails like any other (55P04)',
      expect: {
        message: messages.usedTooSoonTypeCreated({ value: 'happy', enumName: '"mood"', where: 'line 3', scope: messages.scopeBatch(), pg: 15 }),
        line: 5, column: 38, endLine: 5, endColumn: 46,
      },
    },
  ],
});
