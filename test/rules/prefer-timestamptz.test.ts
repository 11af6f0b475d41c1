import { testRule } from '../helpers/test-rule.js';

testRule('prefer-timestamptz', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" timestamptz, "b" timestamp with time zone, "c" timestamp(3) with time zone, "d" date);' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE timestamp with time zone;' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "account" ("expires_at" timestamp);',
      expect: {
        message:
          '"expires_at" of "account" is timestamp without time zone: it stores wall-clock time, so the same instant is stored differently depending on each writer\'s TimeZone; converting it to timestamptz later rebuilds its indexes, or rewrites the table unless TimeZone is UTC.',
        line: 1,
        column: 38,
        endLine: 1,
        endColumn: 48,
      },
    },
    {
      sql: '-- é\nALTER TABLE "a" ADD COLUMN "at" timestamp(3) without time zone DEFAULT now();',
      expect: { message: /^"at" of "a" is timestamp\(3\) without time zone/, line: 2, column: 33, endLine: 2, endColumn: 77 },
    },
  ],
});
