import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';
import { withFixRecipe } from '../../src/rules/support/fix-recipe.js';
import { messages } from '../../src/rules/adding-primary-key.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });
const INIT = (notNull: boolean) =>
  file('drizzle/0000_init.sql', `CREATE TABLE "t" ("id" bigint${notNull ? ' NOT NULL' : ''}, "a" integer);\n--> statement-breakpoint\nCREATE UNIQUE INDEX "t_id_idx" ON "t" ("id");`, 0);
const USING = 'ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY USING INDEX "t_id_idx";';

testRule('adding-primary-key', {
  accept: [
    { files: [INIT(true), file('drizzle/0001_a.sql', USING, 1)], description: 'USING INDEX on NOT NULL columns' },
    { sql: USING, description: 'USING INDEX of an unknown index: nothing known to be nullable' },
    { sql: 'CREATE TABLE "t" ("id" bigint);\n--> statement-breakpoint\nALTER TABLE "t" ADD PRIMARY KEY ("id");', description: 'table created earlier in the same file' },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "t" ("id" bigint);', 1), file('drizzle/0001_b.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_pk" PRIMARY KEY("id");', 1)],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "t" ADD CONSTRAINT "t_id_a_pk" PRIMARY KEY("id","a");',
      expect: { message: messages.build({ table: '"t"' }), line: 1, column: 21, endLine: 1, endColumn: 65 },
    },
    {
      files: [INIT(false), file('drizzle/0001_a.sql', USING, 1)],
      description: 'USING INDEX still scans nullable columns',
      expect: {
        file: 'drizzle/0001_a.sql',
        message: messages.usingIndexScans({ table: '"t"', index: '"t_id_idx"', nullable: ['"id"'] }),
        line: 1, column: 21, endLine: 1, endColumn: 75,
      },
    },
    {
      sql: 'ALTER TABLE "s"."t" ADD COLUMN "id" bigserial PRIMARY KEY;',
      description: 'ADD COLUMN … PRIMARY KEY, schema-qualified',
      expect: { message: messages.buildColumn({ table: '"s"."t"', column: '"id"' }), line: 1, column: 47, endLine: 1, endColumn: 58 },
    },
  ],
});

describe('adding-primary-key hint', () => {
  it('says how to build the index concurrently under drizzle-kit migrate', async () => {
    const [f] = await findingsOf('adding-primary-key', { sql: 'ALTER TABLE "t" ADD CONSTRAINT "t_pk" PRIMARY KEY("id");' });
    expect(f.hint).toBe(
      withFixRecipe(
        'Make "id" NOT NULL first (CHECK … NOT VALID, VALIDATE, SET NOT NULL). Build the index: Use `CREATE UNIQUE INDEX CONCURRENTLY "t_pk" ON "t" ("id");`. drizzle-kit migrate runs the pending migrations in one transaction, where it fails (25001): run it as a separate step outside the migrator, or put `COMMIT;`, the statement and `BEGIN;` in their own --> statement-breakpoint chunks, which gives up the batch\'s all-or-nothing rollback. Then ALTER TABLE "t" ADD CONSTRAINT "t_pk" PRIMARY KEY USING INDEX "t_pk". USING INDEX still scans if a column is nullable.', messages.fixRecipe()),
    );
  });
});
