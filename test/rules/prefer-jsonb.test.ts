import { testRule } from '../helpers/test-rule.js';

testRule('prefer-jsonb', {
  accept: [{ sql: 'CREATE TABLE "t" ("a" jsonb, "b" text);' }, { sql: 'SELECT \'{}\'::json;' }],
  reject: [
    {
      sql: 'CREATE TABLE "chat" ("messages" json NOT NULL);',
      expect: {
        message:
          '"messages" of "chat" is json: it keeps the raw text and re-parses it on every access, has no equality operator (no DISTINCT, GROUP BY or UNIQUE on it) and no GIN index support.',
        line: 1,
        column: 33,
        endLine: 1,
        endColumn: 47,
      },
    },
    {
      sql: 'ALTER TABLE "w" ADD COLUMN "vars" json DEFAULT \'{}\';--> statement-breakpoint\nALTER TABLE "w" ALTER COLUMN "data" TYPE json USING "data"::json;',
      expect: [
        { message: /^"vars" of "w" is json/, line: 1, column: 35, endLine: 1, endColumn: 52 },
        { message: /^"data" of "w" is json/, line: 2, column: 42, endLine: 2, endColumn: 65 },
      ],
    },
  ],
});
