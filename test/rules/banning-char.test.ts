import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/banning-char.js';

testRule('banning-char', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text, "b" varchar(3));' },
    { sql: 'CREATE TABLE "t" ("flag" "char");', description: 'the one-byte internal "char" type is something else' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "countries" ("code" char(2) NOT NULL);',
      expect: {
        message: messages.charColumn({ column: '"code"', table: '"countries"', type: 'char(2)' }),
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
        { message: messages.charColumn({ column: '"a"', table: '"t"', type: 'char(10)' }), line: 1, column: 32, endLine: 1, endColumn: 71 },
        { message: messages.charColumn({ column: '"b"', table: '"t"', type: 'char(1)' }), line: 1, column: 62, endLine: 1, endColumn: 71 },
      ],
    },
  ],
});
