import { sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/concurrently-in-transaction.js';

const BP = '--> statement-breakpoint\n';

testRule('concurrently-in-transaction', {
  accept: [
    { sql: 'CREATE INDEX "a_idx" ON "users" ("a");' },
    { sql: 'CREATE INDEX CONCURRENTLY "a_idx" ON "users" ("a");', config: { runner: 'none' }, description: 'runner none: autocommit' },
    { sql: 'ANALYZE "users";', description: 'ANALYZE may run in a transaction' },
    { sql: 'REFRESH MATERIALIZED VIEW CONCURRENTLY "mv";', description: 'REFRESH … CONCURRENTLY may run in a transaction' },
    {
      sql: `ALTER TABLE "users" ADD COLUMN "a" int;\n${BP}COMMIT;\n${BP}CREATE INDEX CONCURRENTLY "a_idx" ON "users" ("a");\n${BP}BEGIN;\n`,
      description: 'the COMMIT … BEGIN escape hatch (unbalanced-transaction reports its cost)',
    },
    {
      sql: `COMMIT;\n${BP}SET lock_timeout = 0;\n${BP}DROP INDEX CONCURRENTLY IF EXISTS "a_idx";\n${BP}SET lock_timeout = '5s';\n`,
      description: 'escape with no BEGIN after it, settings around',
    },
    {
      sql: 'BEGIN;\nCREATE TABLE "t" ("id" int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY "t_idx" ON "t" ("id");',
      config: { runner: 'none' },
      description: 'after an explicit COMMIT under runner none',
    },
  ],
  reject: [
    {
      sql: 'CREATE INDEX CONCURRENTLY "a_idx" ON "users" ("a");',
      expect: {
        message: messages.inTransaction({ operation: 'CREATE INDEX CONCURRENTLY', why: messages.drizzleWhy(), wholeBatch: true }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 51,
      },
    },
    {
      files: sameBatch('CREATE TABLE "t" ("id" int);', '-- index it\nCREATE INDEX CONCURRENTLY "t_idx" ON "t" ("id");'),
      description: 'a new table does not help: the statement still fails in the batch transaction',
      expect: { file: 'drizzle/0001_b.sql', message: messages.inTransaction({ operation: 'CREATE INDEX CONCURRENTLY', why: messages.drizzleWhy(), wholeBatch: true }), line: 2, column: 1, endLine: 2, endColumn: 48 },
    },
    {
      sql: 'DROP INDEX CONCURRENTLY "a_idx";\n--> statement-breakpoint\nREINDEX INDEX CONCURRENTLY "b_idx";\n--> statement-breakpoint\nALTER TABLE "pt" DETACH PARTITION "pt_1" CONCURRENTLY;\n--> statement-breakpoint\nVACUUM "users";',
      config: { runner: 'per-file' },
      expect: [
        { message: messages.inTransaction({ operation: 'DROP INDEX CONCURRENTLY', why: messages.perFileWhy(), wholeBatch: false }), line: 1, column: 1, endLine: 1, endColumn: 32 },
        { message: messages.inTransaction({ operation: 'REINDEX CONCURRENTLY', why: messages.perFileWhy(), wholeBatch: false }), line: 3, column: 1, endLine: 3, endColumn: 35 },
        { message: messages.inTransaction({ operation: 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY', why: messages.perFileWhy(), wholeBatch: false }), line: 5, column: 1, endLine: 5, endColumn: 54 },
        { message: messages.inTransaction({ operation: 'VACUUM', why: messages.perFileWhy(), wholeBatch: false }), line: 7, column: 1, endLine: 7, endColumn: 15 },
      ],
    },
    {
      sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY "a_idx" ON "users" ("a");\nCOMMIT;',
      config: { runner: 'none' },
      expect: { message: messages.inTransaction({ operation: 'CREATE INDEX CONCURRENTLY', why: messages.explicitWhy(), wholeBatch: false }), line: 2, column: 1, endLine: 2, endColumn: 51 },
    },
    {
      sql: `COMMIT;\n${BP}SET lock_timeout = 0;\nCREATE INDEX CONCURRENTLY "a_idx" ON "users" ("a");\n${BP}BEGIN;`,
      description: 'escape hatch without a breakpoint: drizzle sends the chunk as one multi-statement query (implicit transaction)',
      expect: { message: messages.inTransaction({ operation: 'CREATE INDEX CONCURRENTLY', why: messages.implicitWhy(), wholeBatch: false }), line: 4, column: 1, endLine: 4, endColumn: 51 },
    },
    {
      sql: "DO $$ BEGIN\n  CREATE INDEX CONCURRENTLY a_idx ON users (a);\nEND $$;",
      config: { runner: 'none' },
      expect: { message: messages.inDoBlock({ operation: 'CREATE INDEX CONCURRENTLY' }), line: 2, column: 3, endLine: 2, endColumn: 47 },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "pt" ("id" int, "k" int) PARTITION BY RANGE ("k");', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: 'CREATE INDEX CONCURRENTLY "pt_k_idx" ON "pt" ("k");', batch: 2 },
      ],
      config: { runner: 'none' },
      description: 'CONCURRENTLY on a partitioned table fails even in autocommit',
      expect: {
        file: 'drizzle/0001_b.sql',
        message: messages.createIndexOnPartitioned({ table: '"pt"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 51,
      },
    },
  ],
});
