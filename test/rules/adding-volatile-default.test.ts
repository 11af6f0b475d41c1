import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/adding-volatile-default.js';

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
        message: messages.volatileDefault({ column: '"token"', table: '"users"', culprit: 'gen_random_uuid()' }),
        line: 1,
        column: 53,
        endLine: 1,
        endColumn: 79,
      },
    },
    {
      sql: `ALTER TABLE "auth"."users" ADD COLUMN "code" text DEFAULT 'ref-' || md5(random()::text);`,
      description: 'volatile call nested in stable ones, schema-qualified table',
      expect: { message: messages.volatileDefault({ column: '"code"', table: '"auth"."users"', culprit: 'random()' }), line: 1, column: 73, endLine: 1, endColumn: 88 },
    },
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "owner" uuid DEFAULT auth.uid();',
      description: 'user function: unknown, treated as volatile',
      expect: { message: messages.unknownFunctionDefault({ column: '"owner"', table: '"users"', culprit: 'auth.uid()' }), line: 1, column: 53, endLine: 1, endColumn: 63 },
    },
    {
      sql: "ALTER TABLE \"users\" ADD COLUMN \"n\" bigint DEFAULT nextval('users_n_seq'::regclass);",
      expect: { message: messages.volatileDefault({ column: '"n"', table: '"users"', culprit: 'nextval(…)' }), line: 1, column: 51, endLine: 1, endColumn: 83 },
    },
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "n" integer DEFAULT 0 NOT NULL;',
      config: { postgresVersion: 10 },
      description: 'before PG 11 every non-NULL default rewrites',
      expect: { message: messages.defaultBefore11({ column: '"n"', table: '"users"' }), line: 1, column: 44, endLine: 1, endColumn: 62 },
    },
    {
      sql: 'DO $$ BEGIN\n  ALTER TABLE "users" ADD COLUMN "t" timestamptz DEFAULT clock_timestamp();\nEXCEPTION WHEN duplicate_column THEN null;\nEND $$;',
      description: 'inside a DO block',
      expect: { message: messages.volatileDefault({ column: '"t"', table: '"users"', culprit: 'clock_timestamp()' }), line: 2, column: 58, endLine: 2, endColumn: 75 },
    },
    {
      files: [created(0), { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();', batch: 1 }],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_a.sql', message: messages.volatileDefault({ column: '"token"', table: '"users"', culprit: 'gen_random_uuid()' }), line: 1, column: 53, endLine: 1, endColumn: 70 },
    },
  ],
});
