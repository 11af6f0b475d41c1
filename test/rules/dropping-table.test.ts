import { afterHistory, migrationPath, sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-table.js';

testRule('dropping-table', {
  accept: [
    { sql: 'CREATE TABLE "tmp" ("id" bigint);\n--> statement-breakpoint\nDROP TABLE "tmp";', description: 'table created in the same migration' },
    {
      files: sameBatch('CREATE TABLE "tmp" ("id" bigint);', 'DROP TABLE "tmp";'),
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
      expect: { message: messages.dropped({ table: '"sessions"' }), line: 1, column: 1, endLine: 1, endColumn: 22 },
    },
    {
      sql: '-- é\nDROP TABLE IF EXISTS "a", "auth"."b" CASCADE;',
      description: 'two tables, schema-qualified, CASCADE',
      expect: [
        { message: messages.droppedCascade({ table: '"a"' }), line: 2, column: 1, endLine: 2, endColumn: 45 },
        { message: messages.droppedCascade({ table: '"auth"."b"' }), line: 2, column: 1, endLine: 2, endColumn: 45 },
      ],
    },
    {
      files: afterHistory('CREATE TABLE "tmp" ("id" bigint);', 'DROP TABLE "tmp";'),
      description: 'table created by an earlier batch',
      expect: { file: migrationPath(1), message: messages.dropped({ table: '"tmp"' }), line: 1, column: 1, endLine: 1, endColumn: 17 },
    },
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint) PARTITION BY RANGE ("id");--> statement-breakpoint\nDROP TABLE "audit_old";',
      description: 'rebuild that never copies the rows',
      expect: { message: messages.dropped({ table: '"audit_old"' }), line: 3, column: 1, endLine: 3, endColumn: 23 },
    },
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint) PARTITION BY RANGE ("id");--> statement-breakpoint\nINSERT INTO "audit" SELECT * FROM "audit_old";--> statement-breakpoint\nDROP TABLE "audit_old";',
      config: { runner: 'none' },
      description: 'rebuild without a transaction: a failure in between loses the rows',
      expect: { message: messages.dropped({ table: '"audit_old"' }), line: 4, column: 1, endLine: 4, endColumn: 23 },
    },
  ],
});
