import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/reindexing-non-concurrently.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });

testRule('reindexing-non-concurrently', {
  accept: [
    { sql: 'REINDEX INDEX CONCURRENTLY "users_email_idx";' },
    { sql: 'REINDEX (CONCURRENTLY) TABLE "users";' },
    { sql: 'CREATE TABLE "users" ("email" text);\n--> statement-breakpoint\nREINDEX TABLE "users";', description: 'table created earlier in the same file' },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 0), file('drizzle/0001_b.sql', 'CREATE INDEX "i" ON "users" ("email");', 1), file('drizzle/0002_c.sql', 'REINDEX INDEX "i";', 1)],
      description: 'index created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'REINDEX INDEX "users_email_idx";',
      expect: {
        message: messages.reindexIndex({ index: '"users_email_idx"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 32,
      },
    },
    { sql: 'SELECT 1; REINDEX TABLE "app"."users";', expect: { message: messages.reindexTable({ table: '"app"."users"' }), line: 1, column: 11, endLine: 1, endColumn: 38 } },
    { sql: 'REINDEX SYSTEM "db";', expect: { message: messages.reindexMany({ target: 'system "db"' }), line: 1, column: 1, endLine: 1, endColumn: 20 } },
  ],
});
