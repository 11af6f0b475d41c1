import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/adding-foreign-key.js';

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
        message: messages.addForeignKey({ name: '"posts_author_id_users_id_fk"', table: '"posts"', columns: '"author_id"', parent: '"users"' }),
        line: 2,
        column: 26,
        endLine: 2,
        endColumn: 164,
      },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', `SELECT 1;\n--> statement-breakpoint\n${FK}`, 1)],
      expect: { file: 'drizzle/0001_a.sql', message: messages.addForeignKey({ name: '"posts_author_id_users_id_fk"', table: '"posts"', columns: '"author_id"', parent: '"users"' }), line: 3, column: 25, endLine: 3, endColumn: 163 },
    },
    {
      sql: 'ALTER TABLE "blog"."posts" ADD FOREIGN KEY ("author_id") REFERENCES "auth"."users" ("id");',
      description: 'unnamed, schema-qualified, unknown tables',
      expect: { message: messages.addForeignKey({ table: '"blog"."posts"', columns: '"author_id"', parent: '"auth"."users"' }), line: 1, column: 32, endLine: 1, endColumn: 90 },
    },
    {
      sql: 'ALTER TABLE "posts" ADD COLUMN "editor_id" text REFERENCES "users"("id");',
      description: 'ADD COLUMN … REFERENCES',
      expect: {
        message: messages.addColumnWithReference({ column: '"editor_id"', parent: '"users"', table: '"posts"', filled: false }),
        line: 1,
        column: 49,
        endLine: 1,
        endColumn: 73,
      },
    },
    {
      sql: `ALTER TABLE "posts" ADD COLUMN "editor_id" text DEFAULT 'x' REFERENCES "users"("id");`,
      expect: { message: messages.addColumnWithReference({ column: '"editor_id"', parent: '"users"', table: '"posts"', filled: true }), line: 1, column: 61, endLine: 1, endColumn: 85 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "posts" ("id" text, "author_id" text);', 0), file('drizzle/0001_b.sql', DRIZZLE_DO, 1)],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_b.sql', message: messages.addForeignKey({ name: '"posts_author_id_users_id_fk"', table: '"posts"', columns: '"author_id"', parent: '"users"' }), line: 2, column: 26, endLine: 2, endColumn: 164 },
    },
  ],
});
