import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/truncating-table.js';

const parent = { path: 'drizzle/0000_base.sql', text: 'CREATE TABLE "p" ("id" bigint PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "c" ("id" bigint PRIMARY KEY, "p_id" bigint REFERENCES "p"("id"));', batch: 0 };

testRule('truncating-table', {
  accept: [
    { sql: 'CREATE TABLE "t" ("id" bigint);\n--> statement-breakpoint\nTRUNCATE "t";', description: 'table created in the same migration' },
    { sql: 'DELETE FROM "t" WHERE "id" = 1;' },
  ],
  reject: [
    {
      sql: 'TRUNCATE TABLE "sessions";',
      expect: {
        message: messages.truncate({ table: '"sessions"' }),
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 26,
      },
    },
    {
      files: [parent, { path: 'drizzle/0001_t.sql', text: '-- é\nTRUNCATE "p" CASCADE;', batch: 1 }],
      description: 'CASCADE names the referencing tables',
      expect: { file: 'drizzle/0001_t.sql', message: messages.truncateCascade({ table: '"p"', referencing: '"c"' }), line: 2, column: 10, endLine: 2, endColumn: 21 },
    },
    {
      files: [parent, { path: 'drizzle/0001_t.sql', text: 'TRUNCATE "p";', batch: 1 }],
      description: 'without CASCADE a referenced table fails',
      expect: { file: 'drizzle/0001_t.sql', message: messages.truncateFailsReferenced({ table: '"p"', referencing: '"c"', count: 1 }), line: 1, column: 10, endLine: 1, endColumn: 13 },
    },
    {
      files: [parent, { path: 'drizzle/0001_t.sql', text: 'TRUNCATE "p", "public"."c";', batch: 1 }],
      description: 'two tables, one schema-qualified; referencing table truncated in the same statement',
      expect: [
        { file: 'drizzle/0001_t.sql', message: messages.truncate({ table: '"p"' }), line: 1, column: 10, endLine: 1, endColumn: 27 },
        { file: 'drizzle/0001_t.sql', message: messages.truncate({ table: '"c"' }), line: 1, column: 15, endLine: 1, endColumn: 27 },
      ],
    },
  ],
});
