import { testRule } from '../helpers/test-rule.js';

const INIT = { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "users" ("id" text PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "posts" ("id" text PRIMARY KEY, "author_id" text);', batch: 0 };
const FK = 'ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;';
const DRIZZLE_DO = `DO $$ BEGIN\n ${FK}\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;`;
const file = (path: string, text: string, batch: number) => ({ path, text, batch });

testRule('adding-foreign-key', {
  accept: [
    { files: [INIT, file('drizzle/0001_a.sql', FK.replace(';', ' NOT VALID;'), 1)], description: 'NOT VALID' },
    {
      sql: `CREATE TABLE "users" ("id" text PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "posts" ("id" text, "author_id" text);\n--> statement-breakpoint\n${DRIZZLE_DO}`,
      description: 'bootstrap migration: table created earlier in the same file, drizzle DO wrapper',
    },
    {
      files: [
        file('drizzle/0000_users.sql', 'CREATE TABLE "users" ("id" text PRIMARY KEY);', 0),
        file('drizzle/0001_posts.sql', 'CREATE TABLE "posts" ("id" text, "author_id" text);', 1),
        file('drizzle/0002_fk.sql', DRIZZLE_DO, 1),
      ],
      description: 'child table created by an earlier file of the same batch (existing parent)',
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', FK.replace(';', ' NOT VALID;'), 1), file('drizzle/0002_b.sql', `CREATE TABLE IF NOT EXISTS "posts" ("id" text);\n--> statement-breakpoint\n${DRIZZLE_DO}`, 2)],
      description: 'regenerated migration re-adding an existing constraint inside the duplicate_object wrapper is a no-op',
    },
  ],
  reject: [
    {
      files: [INIT, file('drizzle/0001_a.sql', DRIZZLE_DO, 1)],
      description: "inside drizzle's DO … EXCEPTION WHEN duplicate_object wrapper: exact line and column",
      expect: {
        file: 'drizzle/0001_a.sql',
        message:
          'Adding foreign key "posts_author_id_users_id_fk" on "posts" ("author_id") → "users" without NOT VALID takes SHARE ROW EXCLUSIVE on both tables and scans "posts" to validate every existing row: writes to both tables wait until the scan finishes.',
        line: 2,
        column: 26,
        endLine: 2,
        endColumn: 164,
      },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', `SELECT 1;\n--> statement-breakpoint\n${FK}`, 1)],
      expect: { file: 'drizzle/0001_a.sql', message: /^Adding foreign key "posts_author_id_users_id_fk" on "posts"/, line: 3, column: 25, endLine: 3, endColumn: 163 },
    },
    {
      sql: 'ALTER TABLE "blog"."posts" ADD FOREIGN KEY ("author_id") REFERENCES "auth"."users" ("id");',
      description: 'unnamed, schema-qualified, unknown tables',
      expect: { message: /^Adding foreign key on "blog"\."posts" \("author_id"\) → "auth"\."users" without NOT VALID/, line: 1, column: 32, endLine: 1, endColumn: 90 },
    },
    {
      sql: 'ALTER TABLE "posts" ADD COLUMN "editor_id" text REFERENCES "users"("id");',
      description: 'ADD COLUMN … REFERENCES',
      expect: {
        message:
          'Adding column "editor_id" with REFERENCES "users" to "posts" takes SHARE ROW EXCLUSIVE on "users" while holding ACCESS EXCLUSIVE on "posts": writes to "users" wait, and if "users" has a long-running writer every query on "posts" queues behind it.',
        line: 1,
        column: 49,
        endLine: 1,
        endColumn: 73,
      },
    },
    {
      sql: `ALTER TABLE "posts" ADD COLUMN "editor_id" text DEFAULT 'x' REFERENCES "users"("id");`,
      expect: { message: /; with the DEFAULT, Postgres also scans the table to validate every existing row\.$/, line: 1, column: 61, endLine: 1, endColumn: 85 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "posts" ("id" text, "author_id" text);', 0), file('drizzle/0001_b.sql', DRIZZLE_DO, 1)],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_b.sql', message: /^Adding foreign key/, line: 2, column: 26, endLine: 2, endColumn: 164 },
    },
  ],
});
