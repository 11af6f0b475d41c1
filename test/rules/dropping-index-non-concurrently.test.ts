import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-index-non-concurrently.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });
const AUTH = file('drizzle/0000_init.sql', 'CREATE TABLE "auth"."users" ("email" text);\n--> statement-breakpoint\nCREATE INDEX "users_email_idx" ON "auth"."users" ("email");', 0);
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
      expect: { file: 'drizzle/0001_a.sql', message: messages.locks({ indexes: '"users_email_idx"', tables: '"users"' }), line: 1, column: 1, endLine: 1, endColumn: 39 },
    },
    {
      sql: 'DROP INDEX "app"."a_idx", "b_idx";',
      description: 'unknown indexes, schema-qualified',
      expect: { message: messages.locks({ indexes: '"app"."a_idx", "b_idx"', tables: messages.itsTable() }), line: 1, column: 1, endLine: 1, endColumn: 34 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'DROP INDEX IF EXISTS "users_name_idx";', 1)],
      description: 'IF EXISTS on an index no migration creates: still reported, with what IF EXISTS does',
      expect: {
        file: 'drizzle/0001_a.sql',
        message: `${messages.locks({ indexes: '"users_name_idx"', tables: messages.itsTable() })} ${messages.maybeMissing({ unknown: '"users_name_idx"', count: 1 })}`,
        line: 1, column: 1, endLine: 1, endColumn: 38,
      },
    },
    {
      files: [AUTH, file('drizzle/0001_a.sql', 'DROP INDEX IF EXISTS "users_email_idx";', 1)],
      description: 'unqualified IF EXISTS of an index in another schema: resolves to nothing, locks nothing, the index survives',
      expect: { file: 'drizzle/0001_a.sql', message: messages.survives({ name: '"users_email_idx"', found: '"auth"."users_email_idx"' }), line: 1, column: 1, endLine: 1, endColumn: 39 },
    },
    {
      files: [AUTH, file('drizzle/0001_a.sql', 'DROP INDEX CONCURRENTLY "users_email_idx";', 1)],
      description: 'unqualified without IF EXISTS: fails (42704), CONCURRENTLY or not',
      expect: { file: 'drizzle/0001_a.sql', message: messages.fails({ name: '"users_email_idx"', found: '"auth"."users_email_idx"' }), line: 1, column: 1, endLine: 1, endColumn: 42 },
    },
  ],
});
