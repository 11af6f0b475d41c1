import { testRule } from '../helpers/test-rule.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });

testRule('adding-unique-constraint', {
  accept: [
    { sql: 'ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE USING INDEX "users_email_idx";' },
    {
      sql: 'CREATE TABLE "users" ("email" text);\n--> statement-breakpoint\nALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE("email");',
      description: 'table created earlier in the same file',
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 1), file('drizzle/0001_b.sql', 'ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE("email");', 1)],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE("email");',
      expect: {
        message: 'Adding UNIQUE constraint "users_email_unique" to "users" builds its unique index while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.',
        line: 1,
        column: 25,
      },
    },
    {
      sql: 'ALTER TABLE "auth"."users" ADD COLUMN "handle" text UNIQUE;',
      description: 'ADD COLUMN … UNIQUE, schema-qualified',
      expect: { message: /^Adding column "handle" with UNIQUE to "auth"\."users" builds its unique index/, line: 1, column: 53 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 0), file('drizzle/0001_b.sql', 'DO $$ BEGIN\n  ALTER TABLE "users" ADD UNIQUE ("email");\nEND $$;', 1)],
      description: 'earlier batch, DO block, unnamed',
      expect: { file: 'drizzle/0001_b.sql', message: /^Adding UNIQUE constraint to "users"/, line: 2, column: 27 },
    },
  ],
});
