import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/prefer-text.js';

testRule('prefer-text', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text, "b" varchar, "c" character varying);', description: 'text, or varchar without a limit' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE text;' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "users" ("email" varchar(255) NOT NULL);',
      expect: {
        message: messages.varcharColumn({ column: '"email"', table: '"users"', type: 'varchar(255)' }),
        line: 1,
        column: 31,
        endLine: 1,
        endColumn: 53,
      },
    },
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "tags" character varying(20)[];--> statement-breakpoint\nALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE varchar(50);',
      description: 'arrays, ADD COLUMN and ALTER COLUMN TYPE',
      expect: [
        { message: messages.varcharColumn({ column: '"tags"', table: '"users"', type: 'varchar(20)[]' }), line: 1, column: 39, endLine: 1, endColumn: 62 },
        { message: messages.varcharColumn({ column: '"name"', table: '"users"', type: 'varchar(50)' }), line: 2, column: 55, endLine: 2, endColumn: 66 },
      ],
    },
  ],
});
