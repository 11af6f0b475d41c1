import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';

const INIT =
  'CREATE TABLE "t" ("id" integer PRIMARY KEY, "a" integer, "b" text, "c" varchar(10), "d" timestamp, "e" numeric(10, 2), "f" timestamp);\n' +
  '--> statement-breakpoint\nCREATE INDEX "t_d_idx" ON "t" USING btree ("d");\n--> statement-breakpoint\nCREATE INDEX "t_b_idx" ON "t" USING btree (lower("b"));\n' +
  '--> statement-breakpoint\nCREATE TABLE "u" ("x" integer, "y" integer);';
/** The table exists (earlier batch); `sql` is the pending migration. */
const on = (sql: string, config?: { postgresVersion?: number }) => ({
  files: [
    { path: 'drizzle/0000_init.sql', text: INIT, batch: 0 },
    { path: 'drizzle/0001_change.sql', text: sql, batch: 1 },
  ],
  description: sql,
  ...(config ? { config } : {}),
});
const at = (message: string | RegExp, line: number, column: number) => ({ file: 'drizzle/0001_change.sql', message, line, column });
/** Two statements that rewrite "t", then one that rewrites "u" twice (created in the first batch too). */
const REWRITES = [
  'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE bigint;',
  'ALTER TABLE "t" ALTER COLUMN "f" SET DATA TYPE date;',
  'ALTER TABLE "u" ALTER COLUMN "x" SET DATA TYPE bigint, ALTER COLUMN "y" SET DATA TYPE bigint;',
].join('\n--> statement-breakpoint\n');

testRule('changing-column-type', {
  accept: [
    {
      files: [
        { path: 'drizzle/0000_init.sql', text: 'CREATE TYPE "public"."old_status" AS ENUM(\'a\', \'b\');\n--> statement-breakpoint\nCREATE TABLE "s" ("status" "old_status", "history" "old_status"[]);', batch: 0 },
        {
          path: 'drizzle/0001_change.sql',
          text: 'ALTER TYPE "public"."old_status" RENAME TO "new_status";\n--> statement-breakpoint\nALTER TABLE "s" ALTER COLUMN "status" SET DATA TYPE "new_status";\n--> statement-breakpoint\nALTER TABLE "s" ALTER COLUMN "history" SET DATA TYPE "public"."new_status"[];',
          batch: 1,
        },
      ],
      description: 'the column already has the renamed enum type: Postgres links columns to types by OID',
    },
    on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(20);'),
    on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(20) USING "c"::varchar(20);'),
    on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE text;'),
    on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar;'),
    on('ALTER TABLE "t" ALTER COLUMN "b" SET DATA TYPE varchar;'),
    on('ALTER TABLE "t" ALTER COLUMN "e" SET DATA TYPE numeric(12, 2);'),
    on('ALTER TABLE "t" ALTER COLUMN "e" SET DATA TYPE numeric;'),
    on('ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE integer;'),
    on('ALTER TABLE "t" ALTER COLUMN "a" TYPE int4 USING "a";'),
    on("SET LOCAL TimeZone = 'UTC';\n--> statement-breakpoint\nALTER TABLE \"t\" ALTER COLUMN \"f\" SET DATA TYPE timestamp with time zone;"),
    on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(10) COLLATE "C";'),
    {
      files: [
        { path: 'drizzle/0000_init.sql', text: INIT, batch: 0 },
        { path: 'drizzle/0001_tz.sql', text: "SET TimeZone = 'UTC';", batch: 1 },
        { path: 'drizzle/0002_change.sql', text: 'ALTER TABLE "t" ALTER COLUMN "f" SET DATA TYPE timestamptz;', batch: 1 },
      ],
      description: 'session TimeZone set to UTC by an earlier file of the batch; column not indexed',
    },
    {
      sql: 'CREATE TABLE "t" ("a" integer);\n--> statement-breakpoint\nALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE bigint;',
      description: 'table created earlier in the same file',
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "t" ("a" integer);', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE bigint;', batch: 1 },
      ],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE bigint;'),
      expect: at(
        'Changing the type of "a" on "t" from integer to bigint rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: reads and writes wait until it finishes.',
        1,
        30,
      ),
    },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(5);'),
      expect: at(/from varchar\(10\) to varchar\(5\) rewrites the whole table/, 1, 30),
    },
    { ...on('ALTER TABLE "t" ALTER COLUMN "b" SET DATA TYPE varchar(20);'), expect: at(/from text to varchar\(20\) rewrites/, 1, 30) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "e" SET DATA TYPE numeric(12, 4);'), expect: at(/from numeric\(10, 2\) to numeric\(12, 4\) rewrites/, 1, 30) },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(20) USING trim("c");'),
      expect: at(/rewrites the whole table .*The USING expression makes Postgres compute every value anew\./, 1, 30),
    },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "d" SET DATA TYPE timestamp with time zone;'),
      expect: at(/from timestamp to timestamptz rewrites the whole table .*, unless the session TimeZone is UTC; even then the column's indexes are rebuilt/, 1, 30),
    },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "f" SET DATA TYPE timestamptz;'),
      description: 'timestamp → timestamptz of a column without an index',
      expect: at(/from timestamp to timestamptz rewrites the whole table .*, unless the session TimeZone is UTC; then, as no migration here indexes the column, the lock is brief\.$/, 1, 30),
    },
    {
      ...on("SET LOCAL TimeZone = 'Etc/UTC';\n--> statement-breakpoint\nALTER TABLE \"t\" ALTER COLUMN \"d\" SET DATA TYPE timestamptz;"),
      description: 'TimeZone UTC: no rewrite, but the column is indexed',
      expect: at(/does not rewrite the table with TimeZone UTC, but it rebuilds the column's indexes/, 3, 30),
    },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "b" SET DATA TYPE text COLLATE "C";'),
      description: 'collation change of an indexed column (expression index)',
      expect: at(/^Changing the collation of "b" on "t" rebuilds the column's indexes/, 1, 30),
    },
    {
      sql: 'ALTER TABLE "billing"."invoices" ALTER COLUMN "total" SET DATA TYPE numeric(12, 2);',
      description: 'unknown old type: flagged, and says so',
      expect: {
        message:
          'Changing the type of "total" on "billing"."invoices" to numeric(12, 2) takes ACCESS EXCLUSIVE and, unless Postgres can keep the stored values, rewrites the whole table and rebuilds every index while reads and writes wait. The column\'s old type is unknown (no migration here created it), so the linter cannot tell which.',
        line: 1,
        column: 47,
      },
    },
    {
      files: [
        { path: 'drizzle/0000_init.sql', text: INIT, batch: 0 },
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "t" ADD COLUMN "g" integer;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'DO $$ BEGIN\n ALTER TABLE "t" ALTER COLUMN "g" SET DATA TYPE bigint;\nEND $$;', batch: 1 },
      ],
      description: 'a column new in the batch on an existing table still rewrites; inside a DO block',
      expect: { file: 'drizzle/0002_b.sql', message: /from integer to bigint rewrites/, line: 2, column: 31 },
    },
    {
      ...on(REWRITES),
      description: "drizzle-kit's one statement per column: the second rewrite of the same table says so; another table and one statement with two columns do not",
      expect: [
        at(/^Changing the type of "a" on "t" from integer to bigint rewrites the whole table .* finishes\.$/, 1, 30),
        at(/^Changing the type of "f" on "t" from timestamp to date rewrites .* finishes\. "t" was already rewritten by line 1 of this file: each ALTER TABLE statement rewrites it again\.$/, 3, 30),
        at(/^Changing the type of "x" on "u" from integer to bigint rewrites .* finishes\.$/, 5, 30),
        at(/^Changing the type of "y" on "u" from integer to bigint rewrites .* finishes\.$/, 5, 69),
      ],
    },
  ],
});

describe('changing-column-type: repeated rewrites of one table', () => {
  it('the hint of a repeated rewrite says how to rewrite once', async () => {
    const [first, second] = await findingsOf('changing-column-type', on(REWRITES));
    expect(first.hint).toBe('Add a new column of the new type, backfill it in batches, switch the app to it, then drop the old column.');
    expect(second.hint).toBe(
      'Add a new column of the new type, backfill it in batches, switch the app to it, then drop the old column. If the rewrite is acceptable, merge the type changes of "t" into one statement (ALTER TABLE "t" ALTER COLUMN … SET DATA TYPE …, ALTER COLUMN … SET DATA TYPE …): Postgres rewrites a table once per ALTER TABLE, however many columns it changes, and drizzle-kit writes one statement per column.',
    );
  });
});
