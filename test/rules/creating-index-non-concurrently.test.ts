import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';
import { withFixRecipe } from '../../src/rules/support/fix-recipe.js';
import { messages } from '../../src/rules/creating-index-non-concurrently.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });
const IDX = 'CREATE INDEX "users_email_idx" ON "users" USING btree ("email");';
const PARTITIONED = file('drizzle/0000_pt.sql', 'CREATE TABLE "events" ("id" bigint, "at" timestamptz) PARTITION BY RANGE ("at");', 0);

testRule('creating-index-non-concurrently', {
  accept: [
    { sql: 'CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" ("email");' },
    { sql: `CREATE TABLE "users" ("email" text);\n--> statement-breakpoint\n${IDX}`, description: 'bootstrap: table created earlier in the same file' },
    { files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 1), file('drizzle/0001_b.sql', IDX, 1)], description: 'table created by an earlier file of the same batch' },
    {
      files: [file('drizzle/0000_a.sql', `CREATE TABLE "users" ("email" text);\n--> statement-breakpoint\n${IDX}`, 0), file('drizzle/0001_b.sql', IDX.replace('INDEX', 'INDEX IF NOT EXISTS'), 1)],
      description: 'IF NOT EXISTS of an index that already exists builds nothing',
    },
    { files: [PARTITIONED, file('drizzle/0001_a.sql', 'CREATE INDEX "events_at_idx" ON ONLY "events" ("at");', 1)], description: 'ON ONLY a partitioned table: no build' },
  ],
  reject: [
    {
      sql: IDX,
      expect: {
        message: messages.createIndex({ name: '"users_email_idx"', table: '"users"', unique: false }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 64,
      },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "users" ("email" text);', 0), file('drizzle/0001_b.sql', 'SELECT 1;\n--> statement-breakpoint\nCREATE UNIQUE INDEX "u" ON "public"."users" ("email");', 1)],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_b.sql', message: messages.createIndex({ unique: true, name: '"u"', table: '"users"' }), line: 3, column: 1, endLine: 3, endColumn: 54 },
    },
    {
      sql: 'CREATE INDEX ON "app"."users" ("email");',
      description: 'unnamed, schema-qualified',
      expect: { message: messages.createIndex({ table: '"app"."users"', unique: false }), line: 1, column: 1, endLine: 1, endColumn: 40 },
    },
    {
      files: [PARTITIONED, file('drizzle/0001_a.sql', 'CREATE INDEX "events_at_idx" ON "events" ("at");', 1)],
      description: 'partitioned table: CONCURRENTLY is not possible, the recipe is ON ONLY + per-partition',
      expect: {
        file: 'drizzle/0001_a.sql',
        message:
          messages.createIndexPartitioned({ unique: false, name: '"events_at_idx"', table: '"events"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 48,
      },
    },
  ],
});

describe('creating-index-non-concurrently recipe', () => {
  const sql = 'CREATE UNIQUE INDEX IF NOT EXISTS "u" ON "users" ("email");';
  it('under drizzle, names the statement with CONCURRENTLY and both ways out of the batch transaction', async () => {
    const [f] = await findingsOf('creating-index-non-concurrently', { sql });
    expect(f.hint).toContain('`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "u" ON "users" ("email")`');
    expect(f.hint).toMatch(/drizzle-kit migrate runs the pending migrations in one transaction, where it fails \(25001\)/);
    expect(f.hint).toMatch(/`COMMIT;`, the statement and `BEGIN;` in their own --> statement-breakpoint chunks/);
  });
  it('with runner none, just the CONCURRENTLY form', async () => {
    const [f] = await findingsOf('creating-index-non-concurrently', { sql, config: { runner: 'none' } });
    expect(f.hint).toBe(withFixRecipe('Use `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "u" ON "users" ("email")`, outside any BEGIN … COMMIT.', messages.fixRecipe()));
  });
});
