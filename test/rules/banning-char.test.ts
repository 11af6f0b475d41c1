import { testRule } from '../helpers/test-rule.js';

testRule('banning-char', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text, "b" varchar(3));' },
    { sql: 'CREATE TABLE "t" ("flag" "char");', description: 'the one-byte internal "char" type is something else' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "countries" ("code" char(2) NOT NULL);',
      expect: {
        message:
          '"code" of "countries" is char(2): values are padded with spaces to the full length, trailing spaces are ignored in comparisons but not by the app, and it is no faster than text.',
        line: 1,
        column: 34,
        endLine: 1,
        endColumn: 51,
      },
    },
    {
      sql: 'ALTER TABLE "t" ADD COLUMN "a" character(10), ADD COLUMN "b" character;',
      description: 'character(n) and bare character (= char(1))',
      expect: [
        { message: /^"a" of "t" is char\(10\)/, line: 1, column: 32, endLine: 1, endColumn: 71 },
        { message: /^"b" of "t" is char\(1\)/, line: 1, column: 62, endLine: 1, endColumn: 71 },
      ],
    },
  ],
});
