import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/renaming-column.js';

testRule('renaming-column', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text);\n--> statement-breakpoint\nALTER TABLE "t" RENAME COLUMN "a" TO "b";', description: 'table created in the same migration' },
    { sql: 'ALTER TABLE "t" RENAME TO "t2";' },
    { sql: 'ALTER TABLE "t" RENAME CONSTRAINT "a" TO "b";' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" integer);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "users" ADD COLUMN "fullName" text;\n--> statement-breakpoint\nALTER TABLE "users" RENAME COLUMN "fullName" TO "full_name";', batch: 1 },
      ],
      description: 'a column added earlier in the same batch: no running app knows it',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" RENAME COLUMN "fullName" TO "full_name";',
      expect: { message: messages.renamed({ column: '"fullName"', table: '"users"', to: '"full_name"' }), line: 1, column: 1, endLine: 1, endColumn: 60 },
    },
    {
      sql: '-- é\nALTER TABLE "auth"."users" RENAME "a" TO "b";',
      description: 'COLUMN keyword omitted, schema-qualified',
      expect: { message: messages.renamed({ column: '"a"', table: '"auth"."users"', to: '"b"' }), line: 2, column: 1, endLine: 2, endColumn: 45 },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "fullName" text;', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "users" RENAME COLUMN "fullName" TO "full_name";', batch: 1 },
      ],
      description: 'a column an earlier batch added',
      expect: { file: 'drizzle/0001_b.sql', message: messages.renamed({ column: '"fullName"', table: '"users"', to: '"full_name"' }), line: 1, column: 1, endLine: 1, endColumn: 60 },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" integer, "fullName" text);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "users" RENAME COLUMN "fullName" TO "full_name";', batch: 1 },
        { path: 'drizzle/0002_c.sql', text: 'ALTER TABLE "users" RENAME COLUMN "full_name" TO "name";', batch: 1 },
      ],
      description: 'renamed twice in one batch: only the first rename breaks the running app (no running version knows "full_name")',
      expect: { file: 'drizzle/0001_b.sql', message: messages.renamed({ column: '"fullName"', table: '"users"', to: '"full_name"' }), line: 1, column: 1, endLine: 1, endColumn: 60 },
    },
  ],
});
