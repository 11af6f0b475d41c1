import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/changing-column-type.js';

const INIT =
  'CREATE TABLE "t" ("id" integer PRIMARY KEY, "a" integer, "b" text, "c" varchar(10), "d" timestamp, "e" numeric(10, 2), "f" timestamp);\n' +
  '--> statement-breakpoint\nCREATE INDEX "t_d_idx" ON "t" USING btree ("d");\n--> statement-breakpoint\nCREATE INDEX "t_b_idx" ON "t" USING btree (lower("b"));\n' +
  '--> statement-breakpoint\nCREATE TABLE "u" ("x" integer, "y" integer);\n' +
  '--> statement-breakpoint\nCREATE TABLE "n" ("ip" cidr, "net" cidr, "code" integer, "at" timestamp(3), "span" interval(6), "name" varchar(10) CHECK ("name" <> \'\'), "since" timestamp, CONSTRAINT "n_since_check" CHECK ("since" > \'2000-01-01\'));\n' +
  '--> statement-breakpoint\nCREATE INDEX "n_net_idx" ON "n" ("net");\n--> statement-breakpoint\nCREATE INDEX "n_code_idx" ON "n" ("code");';
/** The table exists (earlier batch); `sql` is the pending migration. */
const on = (sql: string, config?: { postgresVersion?: number }) => ({
  files: [
    { path: 'drizzle/0000_init.sql', text: INIT, batch: 0 },
    { path: 'drizzle/0001_change.sql', text: sql, batch: 1 },
  ],
  description: sql,
  ...(config ? { config } : {}),
});
const at = (message: string | RegExp, line: number, column: number, endColumn?: number) => ({
  file: 'drizzle/0001_change.sql', message, line, column, ...(endColumn ? { endLine: line, endColumn } : {}),
});
const ch = (column: string, from: string, to: string, table = '"t"') => ({ column: `"${column}"`, table, from, to });
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
    // Precision raised to the maximum (6), to unconstrained, or upwards: measured without a rewrite.
    on('ALTER TABLE "t" ALTER COLUMN "d" SET DATA TYPE timestamp(6);'),
    on('ALTER TABLE "n" ALTER COLUMN "at" SET DATA TYPE timestamp;'),
    on('ALTER TABLE "n" ALTER COLUMN "at" SET DATA TYPE timestamp(5);'),
    on('ALTER TABLE "n" ALTER COLUMN "span" SET DATA TYPE interval;'),
    // Binary coercible (pg_cast method b): cidr → inet keeps the table and the index (same opclass).
    on('ALTER TABLE "n" ALTER COLUMN "ip" SET DATA TYPE inet;'),
    on('ALTER TABLE "n" ALTER COLUMN "net" SET DATA TYPE inet;'),
    on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE citext;'),
    on('ALTER TABLE "u" ALTER COLUMN "x" SET DATA TYPE oid;'),
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
      expect: at(messages.rewrite(ch('a', 'integer', 'bigint')), 1, 30, 54),
    },
    { ...on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(5);'), expect: at(messages.rewrite(ch('c', 'varchar(10)', 'varchar(5)')), 1, 30, 58) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "b" SET DATA TYPE varchar(20);'), expect: at(messages.rewrite(ch('b', 'text', 'varchar(20)')), 1, 30, 59) },
    { ...on('ALTER TABLE "t" ALTER COLUMN "e" SET DATA TYPE numeric(12, 4);'), expect: at(messages.rewrite(ch('e', 'numeric(10, 2)', 'numeric(12, 4)')), 1, 30, 62) },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE varchar(20) USING trim("c");'),
      expect: at(`${messages.rewrite(ch('c', 'varchar(10)', 'varchar(20)'))} ${messages.usingRecomputes()}`, 1, 30, 75),
    },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "d" SET DATA TYPE timestamp with time zone;'),
      expect: at(messages.timezoneIndexed(ch('d', 'timestamp', 'timestamptz')), 1, 30, 72),
    },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "f" SET DATA TYPE timestamptz;'),
      description: 'timestamp → timestamptz of a column without an index: a warning naming TimeZone (catalog-only when it is UTC)',
      expect: { ...at(messages.timezoneUnindexed(ch('f', 'timestamp', 'timestamptz')), 1, 30, 59), severity: 'warning' },
    },
    {
      ...on("SET LOCAL TimeZone = 'Etc/UTC';\n--> statement-breakpoint\nALTER TABLE \"t\" ALTER COLUMN \"d\" SET DATA TYPE timestamptz;"),
      description: 'TimeZone UTC: no rewrite, but the column is indexed',
      expect: at(messages.timezoneUtcIndexed(ch('d', 'timestamp', 'timestamptz')), 3, 30, 59),
    },
    {
      ...on("SET LOCAL TimeZone = 'UTC';\n--> statement-breakpoint\nALTER TABLE \"n\" ALTER COLUMN \"since\" SET DATA TYPE timestamptz;"),
      description: 'TimeZone UTC keeps the storage, but the table CHECK on the column is re-checked (measured: one scan)',
      expect: at(messages.checksRechecked({ ...ch('since', 'timestamp', 'timestamptz', '"n"'), checks: ['"n_since_check"'] }), 3, 30, 63),
    },
    {
      ...on('ALTER TABLE "n" ALTER COLUMN "name" SET DATA TYPE varchar(20);'),
      description: 'widening keeps the storage but re-checks the column CHECK',
      expect: at(messages.checksRechecked({ ...ch('name', 'varchar(10)', 'varchar(20)', '"n"'), checks: ['"n_name_check"'] }), 1, 30, 62),
    },
    {
      ...on('ALTER TABLE "n" ALTER COLUMN "code" SET DATA TYPE oid;'),
      description: 'binary coercible, but the index changes operator class: rebuilt (measured: int4 → oid)',
      expect: at(messages.indexRebuilt(ch('code', 'integer', 'oid', '"n"')), 1, 30, 54),
    },
    { ...on('ALTER TABLE "t" ALTER COLUMN "d" SET DATA TYPE timestamp(3);'), description: 'precision lowered', expect: at(messages.rewrite(ch('d', 'timestamp', 'timestamp(3)')), 1, 30, 60) },
    {
      ...on('ALTER TABLE "n" ALTER COLUMN "span" SET DATA TYPE interval(3);'),
      description: 'interval(p) is shown as written (the parser stores it as (full range, p))',
      expect: at(messages.rewrite(ch('span', 'interval(6)', 'interval(3)', '"n"')), 1, 30, 62),
    },
    { ...on('ALTER TABLE "n" ALTER COLUMN "ip" SET DATA TYPE cidr USING "ip"::inet::cidr;'), expect: at(`${messages.rewrite(ch('ip', 'cidr', 'cidr', '"n"'))} ${messages.usingRecomputes()}`, 1, 30, 76) },
    {
      ...on('ALTER TABLE "t" ALTER COLUMN "b" SET DATA TYPE text COLLATE "C";'),
      description: 'collation change of an indexed column (expression index)',
      expect: at(messages.collation({ column: '"b"', table: '"t"' }), 1, 30, 64),
    },
    {
      sql: 'ALTER TABLE "billing"."invoices" ALTER COLUMN "total" SET DATA TYPE numeric(12, 2);',
      description: 'unknown old type: flagged, and says so',
      expect: { message: messages.unknownOldType({ column: '"total"', table: '"billing"."invoices"', to: 'numeric(12, 2)' }), line: 1, column: 47, endLine: 1, endColumn: 83 },
    },
    {
      files: [
        { path: 'drizzle/0000_init.sql', text: INIT, batch: 0 },
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "t" ADD COLUMN "g" integer;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'DO $$ BEGIN\n ALTER TABLE "t" ALTER COLUMN "g" SET DATA TYPE bigint;\nEND $$;', batch: 1 },
      ],
      description: 'a column new in the batch on an existing table still rewrites; inside a DO block',
      expect: { file: 'drizzle/0002_b.sql', message: messages.rewrite(ch('g', 'integer', 'bigint')), line: 2, column: 31, endLine: 2, endColumn: 55 },
    },
    {
      ...on(REWRITES),
      description: "drizzle-kit's one statement per column: the second rewrite of the same table says so; another table and one statement with two columns do not",
      expect: [
        at(messages.rewrite(ch('a', 'integer', 'bigint')), 1, 30, 54),
        at(`${messages.rewrite(ch('f', 'timestamp', 'date'))} ${messages.alreadyRewritten({ table: '"t"', line: 1 })}`, 3, 30, 52),
        at(messages.rewrite(ch('x', 'integer', 'bigint', '"u"')), 5, 30, 93),
        at(messages.rewrite(ch('y', 'integer', 'bigint', '"u"')), 5, 69, 93),
      ],
    },
  ],
});

describe('changing-column-type: repeated rewrites of one table', () => {
  it('the hint of a repeated rewrite says how to rewrite once', async () => {
    const [first, second] = await findingsOf('changing-column-type', on(REWRITES));
    expect(first.hint).toBe(messages.newColumnHint());
    expect(second.hint).toBe(`${messages.newColumnHint()} ${messages.mergeRewritesHint({ table: '"t"' })}`);
  });
});

describe('changing-column-type of a serial column', () => {
  it('names the type integer (serial): serial is not a type', async () => {
    const files = [
      { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "s" ("id" serial PRIMARY KEY);', batch: 0 },
      { path: 'drizzle/0001_change.sql', text: 'ALTER TABLE "s" ALTER COLUMN "id" SET DATA TYPE bigint;', batch: 1 },
    ];
    const found = await findingsOf('changing-column-type', { files });
    expect(found.map((f) => f.message)).toEqual([messages.rewrite({ column: '"id"', table: '"s"', from: 'integer (serial)', to: 'bigint' })]);
  });
});
