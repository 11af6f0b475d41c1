import { testRule } from '../helpers/test-rule.js';

const created = (batch: number) => ({ path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "users" ("id" serial PRIMARY KEY);', batch });

testRule('adding-volatile-default', {
  accept: [
    { sql: 'ALTER TABLE "users" ADD COLUMN "n" integer DEFAULT 0 NOT NULL;' },
    { sql: `ALTER TABLE "users" ADD COLUMN "tags" text[] DEFAULT '{}'::text[];`, description: 'cast of a constant' },
    { sql: 'ALTER TABLE "users" ADD COLUMN "at" timestamp DEFAULT now() NOT NULL;' },
    { sql: 'ALTER TABLE "users" ADD COLUMN "at" timestamptz DEFAULT CURRENT_TIMESTAMP;' },
    { sql: `ALTER TABLE "users" ADD COLUMN "at" timestamp DEFAULT (now() AT TIME ZONE 'utc');`, description: 'stable built-ins nested' },
    { sql: 'ALTER TABLE "users" ADD COLUMN "x" uuid DEFAULT NULL;', config: { postgresVersion: 10 }, description: 'a NULL default never rewrites' },
    { sql: 'ALTER TABLE "users" ALTER COLUMN "x" SET DEFAULT gen_random_uuid();', description: 'SET DEFAULT only affects new rows' },
    {
      sql: 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();',
      description: 'table created earlier in the same file',
    },
    {
      files: [created(1), { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();', batch: 1 }],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid() NOT NULL;',
      expect: {
        message:
          'Adding column "token" to "users" with a DEFAULT that calls gen_random_uuid() rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: reads and writes wait until it finishes: gen_random_uuid() is volatile, so Postgres computes it for every existing row.',
        line: 1,
        column: 53,
        endLine: 1,
        endColumn: 79,
      },
    },
    {
      sql: `ALTER TABLE "auth"."users" ADD COLUMN "code" text DEFAULT 'ref-' || md5(random()::text);`,
      description: 'volatile call nested in stable ones, schema-qualified table',
      expect: { message: /^Adding column "code" to "auth"\."users" with a DEFAULT that calls random\(\) .*random\(\) is volatile/, line: 1, column: 73, endLine: 1, endColumn: 88 },
    },
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "owner" uuid DEFAULT auth.uid();',
      description: 'user function: unknown, treated as volatile',
      expect: { message: /calls auth\.uid\(\) .*auth\.uid\(\) is not a built-in known to be stable, so it is treated as volatile/, line: 1, column: 53, endLine: 1, endColumn: 63 },
    },
    {
      sql: "ALTER TABLE \"users\" ADD COLUMN \"n\" bigint DEFAULT nextval('users_n_seq'::regclass);",
      expect: { message: /calls nextval\(…\) .*nextval\(…\) is volatile/, line: 1, column: 51, endLine: 1, endColumn: 83 },
    },
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "n" integer DEFAULT 0 NOT NULL;',
      config: { postgresVersion: 10 },
      description: 'before PG 11 every non-NULL default rewrites',
      expect: { message: /^Adding column "n" with a DEFAULT to "users" rewrites the whole table .*before PostgreSQL 11 every non-NULL default/, line: 1, column: 44, endLine: 1, endColumn: 62 },
    },
    {
      sql: 'DO $$ BEGIN\n  ALTER TABLE "users" ADD COLUMN "t" timestamptz DEFAULT clock_timestamp();\nEXCEPTION WHEN duplicate_column THEN null;\nEND $$;',
      description: 'inside a DO block',
      expect: { message: /clock_timestamp\(\) is volatile/, line: 2, column: 58, endLine: 2, endColumn: 75 },
    },
    {
      files: [created(0), { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();', batch: 1 }],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_a.sql', message: /gen_random_uuid\(\) is volatile/, line: 1, column: 53, endLine: 1, endColumn: 70 },
    },
  ],
});
