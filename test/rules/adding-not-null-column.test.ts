import { sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/adding-not-null-column.js';

testRule('adding-not-null-column', {
  accept: [
    { sql: 'ALTER TABLE "users" ADD COLUMN "age" integer;' },
    { sql: 'ALTER TABLE "users" ADD COLUMN "age" integer DEFAULT 0 NOT NULL;' },
    { sql: 'ALTER TABLE "users" ADD COLUMN "id2" integer GENERATED ALWAYS AS IDENTITY;' },
    { sql: 'ALTER TABLE "users" ADD COLUMN "n" serial NOT NULL;', description: 'serial columns are filled from their sequence' },
    {
      sql: 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;',
      description: 'table created earlier in the same file',
    },
    {
      files: sameBatch('CREATE TABLE "users" ("id" serial PRIMARY KEY);', 'ALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;'),
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;',
      expect: {
        message: messages.notNullNoDefault({ column: '"age"', table: '"users"' }),
        line: 1,
        column: 32,
        endLine: 1,
        endColumn: 54,
      },
    },
    {
      sql: '-- é comment\r\nALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;--> statement-breakpoint\r\nALTER TABLE "auth"."users" ADD COLUMN "b" text PRIMARY KEY;',
      description: 'CRLF, non-ASCII text before, a schema-qualified table, PRIMARY KEY implies NOT NULL',
      expect: [
        { message: messages.notNullNoDefault({ column: '"age"', table: '"users"' }), line: 2, column: 32, endLine: 2, endColumn: 54 },
        { message: messages.notNullNoDefault({ column: '"b"', table: '"auth"."users"' }), line: 3, column: 39, endLine: 3, endColumn: 59 },
      ],
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" serial PRIMARY KEY);', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;', batch: 2 },
      ],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_b.sql', message: messages.notNullNoDefault({ column: '"age"', table: '"users"' }), line: 1, column: 32, endLine: 1, endColumn: 54 },
    },
  ],
});
