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
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint) PARTITION BY RANGE ("id");--> statement-breakpoint\nINSERT INTO "audit" ("id") SELECT "id" FROM "audit_old";--> statement-breakpoint\nDROP TABLE "audit_old";',
      description: 'table rebuild: renamed aside, re-created, rows copied, old one dropped',
    },
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
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint) PARTITION BY RANGE ("id");--> statement-breakpoint\nDROP TABLE "audit_old";',
      description: 'rebuild that never copies the rows',
      expect: { message: /^Dropping table "audit_old" deletes all of its rows/, line: 3, column: 1 },
    },
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint) PARTITION BY RANGE ("id");--> statement-breakpoint\nINSERT INTO "audit" SELECT * FROM "audit_old";--> statement-breakpoint\nDROP TABLE "audit_old";',
      config: { runner: 'none' },
      description: 'rebuild without a transaction: a failure in between loses the rows',
      expect: { message: /^Dropping table "audit_old" deletes all of its rows/, line: 4, column: 1 },
    },
  ],
});
