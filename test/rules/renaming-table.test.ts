import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/renaming-table.js';

testRule('renaming-table', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text);\n--> statement-breakpoint\nALTER TABLE "t" RENAME TO "t2";', description: 'table created in the same migration' },
    { sql: 'ALTER TABLE "t" RENAME COLUMN "a" TO "b";' },
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint) PARTITION BY RANGE ("id");--> statement-breakpoint\nINSERT INTO "audit" SELECT * FROM "audit_old";',
      description: 'swap: a table under the old name is created in the same transaction',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "Users" RENAME TO "users";',
      expect: { message: messages.renamed({ table: '"Users"', to: '"users"' }), line: 1, column: 1, endLine: 1, endColumn: 38 },
    },
    {
      sql: 'ALTER TABLE "audit" RENAME TO "audit_old";--> statement-breakpoint\nCREATE TABLE "audit" ("id" bigint);',
      config: { runner: 'none' },
      description: 'runner none: the old name is missing between the two statements',
      expect: { message: messages.renamed({ table: '"audit"', to: '"audit_old"' }), line: 1, column: 1, endLine: 1, endColumn: 42 },
    },
    {
      sql: '-- é\nALTER TABLE IF EXISTS "auth"."sessions" RENAME TO "user_sessions";',
      expect: { message: messages.renamed({ table: '"auth"."sessions"', to: '"user_sessions"' }), line: 2, column: 1, endLine: 2, endColumn: 66 },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE SCHEMA "app";\n--> statement-breakpoint\nCREATE TABLE "app"."Users" ("id" integer);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "app"."Users" RENAME TO "user";', batch: 1 },
        { path: 'drizzle/0002_c.sql', text: 'ALTER TABLE "app"."user" RENAME TO "users";', batch: 1 },
      ],
      description: 'renamed twice in one batch: only the first rename breaks the running app (no running version knows "user")',
      expect: { file: 'drizzle/0001_b.sql', message: messages.renamed({ table: '"app"."Users"', to: '"user"' }), line: 1, column: 1, endLine: 1, endColumn: 43 },
    },
  ],
});
