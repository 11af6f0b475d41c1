import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/prefer-jsonb.js';

testRule('prefer-jsonb', {
  accept: [{ sql: 'CREATE TABLE "t" ("a" jsonb, "b" text);' }, { sql: 'SELECT \'{}\'::json;' }],
  reject: [
    {
      sql: 'CREATE TABLE "chat" ("messages" json NOT NULL);',
      expect: {
        message: messages.jsonColumn({ column: '"messages"', table: '"chat"' }),
        line: 1,
        column: 33,
        endLine: 1,
        endColumn: 47,
      },
    },
    {
      sql: 'ALTER TABLE "w" ADD COLUMN "vars" json DEFAULT \'{}\';--> statement-breakpoint\nALTER TABLE "w" ALTER COLUMN "data" TYPE json USING "data"::json;',
      expect: [
        { message: messages.jsonColumn({ column: '"vars"', table: '"w"' }), line: 1, column: 35, endLine: 1, endColumn: 52 },
        { message: messages.jsonColumn({ column: '"data"', table: '"w"' }), line: 2, column: 42, endLine: 2, endColumn: 65 },
      ],
    },
  ],
});
