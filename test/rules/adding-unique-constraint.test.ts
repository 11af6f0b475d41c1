import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';
import { withFixRecipe } from '../../src/rules/support/fix-recipe.js';
import { messages } from '../../src/rules/adding-unique-constraint.js';

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
      expect: { message: messages.named({ constraint: '"users_email_unique"', table: '"users"' }), line: 1, column: 25, endLine: 1, endColumn: 72 },
    },
    {
      sql: 'ALTER TABLE "auth"."users" ADD COLUMN "handle" text UNIQUE;',
      description: 'ADD COLUMN … UNIQUE, schema-qualified',
      expect: { message: messages.column({ column: '"handle"', table: '"auth"."users"' }), line: 1, column: 53, endLine: 1, endColumn: 59 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 0), file('drizzle/0001_b.sql', 'DO $$ BEGIN\n  ALTER TABLE "users" ADD UNIQUE ("email");\nEND $$;', 1)],
      description: 'earlier batch, DO block, unnamed',
      expect: { file: 'drizzle/0001_b.sql', message: messages.unnamed({ table: '"users"' }), line: 2, column: 27, endLine: 2, endColumn: 43 },
    },
  ],
});

describe('adding-unique-constraint hint', () => {
  it('says how to build the index concurrently under drizzle-kit migrate', async () => {
    const [f] = await findingsOf('adding-unique-constraint', { sql: 'ALTER TABLE "users" ADD CONSTRAINT "u_email" UNIQUE("email");' });
    expect(f.hint).toBe(
      withFixRecipe(
        'Build the index first: Use `CREATE UNIQUE INDEX CONCURRENTLY "u_email" ON "users" ("email");`. drizzle-kit migrate runs the pending migrations in one transaction, where it fails (25001): run it as a separate step outside the migrator, or put `COMMIT;`, the statement and `BEGIN;` in their own --> statement-breakpoint chunks, which gives up the batch\'s all-or-nothing rollback. Then ALTER TABLE "users" ADD CONSTRAINT "u_email" UNIQUE USING INDEX "u_email" (no scan).', messages.fixRecipe()),
    );
  });
});
