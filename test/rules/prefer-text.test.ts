import { testRule } from '../helpers/test-rule.js';

testRule('prefer-text', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text, "b" varchar, "c" character varying);', description: 'text, or varchar without a limit' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE text;' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "users" ("email" varchar(255) NOT NULL);',
      expect: {
        message: '"email" of "users" is varchar(255): the limit is no faster than text, and changing it later takes ACCESS EXCLUSIVE (lowering it rewrites the table and every index).',
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
        { message: /^"tags" of "users" is varchar\(20\)\[\]/, line: 1, column: 39, endLine: 1, endColumn: 62 },
        { message: /^"name" of "users" is varchar\(50\)/, line: 2, column: 55, endLine: 2, endColumn: 66 },
      ],
    },
  ],
});
