import { testRule } from '../helpers/test-rule.js';

testRule('dropping-table', {
  accept: [
    { sql: 'CREATE TABLE "tmp" ("id" bigint);\n--> statement-breakpoint\nDROP TABLE "tmp";', description: 'table created in the same migration' },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE TABLE "tmp" ("id" bigint);', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'DROP TABLE "tmp";', batch: 1 },
      ],
      description: 'table created earlier in the same batch',
    },
    { sql: 'DROP INDEX "users_email_idx";' },
    { sql: 'DROP VIEW "active_users";' },
  ],
  reject: [
    {
      sql: 'DROP TABLE "sessions";',
      expect: {
        message: 'Dropping table "sessions" deletes all of its rows for good, and running app versions that still query it start failing.',
        line: 1,
        column: 1,
      },
    },
    {
      sql: '-- é\nDROP TABLE IF EXISTS "a", "auth"."b" CASCADE;',
      description: 'two tables, schema-qualified, CASCADE',
      expect: [
        { message: /^Dropping table "a" deletes.* CASCADE also drops the views that use it and the foreign keys of other tables that point at it/, line: 2, column: 1 },
        { message: /^Dropping table "auth"\."b" deletes/, line: 2, column: 1 },
      ],
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE TABLE "tmp" ("id" bigint);', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'DROP TABLE "tmp";', batch: 2 },
      ],
      description: 'table created by an earlier batch',
      expect: { file: 'drizzle/0002_b.sql', message: /"tmp"/, line: 1, column: 1 },
    },
  ],
});
