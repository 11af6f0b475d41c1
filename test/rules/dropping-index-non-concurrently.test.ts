import { testRule } from '../helpers/test-rule.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });
const INIT = file('drizzle/0000_init.sql', 'CREATE TABLE "users" ("email" text);\n--> statement-breakpoint\nCREATE INDEX "users_email_idx" ON "users" ("email");', 0);

testRule('dropping-index-non-concurrently', {
  accept: [
    { sql: 'DROP INDEX CONCURRENTLY "users_email_idx";' },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 0), file('drizzle/0001_b.sql', 'CREATE INDEX "tmp_idx" ON "users" ("email");\n--> statement-breakpoint\nDROP INDEX "tmp_idx";', 1)],
      description: 'index created earlier in the same file',
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 0), file('drizzle/0001_b.sql', 'CREATE INDEX "tmp_idx" ON "users" ("email");', 1), file('drizzle/0002_c.sql', 'DROP INDEX IF EXISTS "tmp_idx";', 1)],
      description: 'index created by an earlier file of the same batch',
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "s"."users" ("email" text);', 1), file('drizzle/0001_b.sql', 'CREATE INDEX "users_email_idx" ON "s"."users" ("email");\n--> statement-breakpoint\nDROP INDEX "s"."users_email_idx";', 1)],
      description: 'schema-qualified, table new in the batch',
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "users" DROP COLUMN "email";', 1), file('drizzle/0002_b.sql', 'DROP INDEX IF EXISTS "users_email_idx";', 2)],
      description: 'IF EXISTS on an index that went with its column in an earlier migration (a no-op)',
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'DROP TABLE "users";\n--> statement-breakpoint\nDROP INDEX IF EXISTS "users_email_idx";', 1)],
      description: 'IF EXISTS on an index that went with its table',
    },
  ],
  reject: [
    {
      files: [INIT, file('drizzle/0001_a.sql', 'DROP INDEX IF EXISTS "users_email_idx";', 1)],
      description: 'index from an earlier batch',
      expect: {
        file: 'drizzle/0001_a.sql',
        message: 'Dropping index "users_email_idx" without CONCURRENTLY takes ACCESS EXCLUSIVE on "users": every query on the table, reads included, waits until the migration\'s transaction ends.',
        line: 1,
        column: 1,
      },
    },
    {
      sql: 'DROP INDEX "app"."a_idx", "b_idx";',
      description: 'unknown indexes, schema-qualified',
      expect: { message: /^Dropping index "app"\."a_idx", "b_idx" without CONCURRENTLY takes ACCESS EXCLUSIVE on its table[^]*ends\.$/, line: 1, column: 1 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'DROP INDEX IF EXISTS "users_name_idx";', 1)],
      description: 'IF EXISTS on an index no migration creates: still reported, with what IF EXISTS does',
      expect: {
        file: 'drizzle/0001_a.sql',
        message:
          'Dropping index "users_name_idx" without CONCURRENTLY takes ACCESS EXCLUSIVE on its table: every query on the table, reads included, waits until the migration\'s transaction ends. No migration here creates "users_name_idx": if it exists outside them, that is the lock; if not, IF EXISTS makes the statement do nothing.',
        line: 1,
        column: 1,
      },
    },
  ],
});
