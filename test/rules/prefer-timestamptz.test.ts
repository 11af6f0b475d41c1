import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/prefer-timestamptz.js';

testRule('prefer-timestamptz', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" timestamptz, "b" timestamp with time zone, "c" timestamp(3) with time zone, "d" date);' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE timestamp with time zone;' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "account" ("expires_at" timestamp);',
      expect: {
        message: messages.timestampColumn({ column: '"expires_at"', table: '"account"', type: 'timestamp' }),
        line: 1,
        column: 38,
        endLine: 1,
        endColumn: 48,
      },
    },
    {
      sql: '-- é\nALTER TABLE "a" ADD COLUMN "at" timestamp(3) without time zone DEFAULT now();',
      expect: { message: messages.timestampColumn({ column: '"at"', table: '"a"', type: 'timestamp(3)' }), line: 2, column: 33, endLine: 2, endColumn: 77 },
    },
  ],
});
