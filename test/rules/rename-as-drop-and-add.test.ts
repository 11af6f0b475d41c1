import { describe, expect, it } from 'vitest';
import { afterHistory, findingsOf, migrationPath, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/rename-as-drop-and-add.js';

const BASE = [
  'CREATE TABLE "threads" ("id" bigint PRIMARY KEY, "authorId" text, "title" text, "score" integer);',
  'CREATE TABLE "email_token" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz);',
  'CREATE TABLE "users" ("id" text PRIMARY KEY);',
  'CREATE TABLE "members" ("id" text PRIMARY KEY);',
  'CREATE TABLE "posts" ("id" bigint PRIMARY KEY, "ownerId" text CONSTRAINT "posts_owner_fk" REFERENCES "users"("id"), "author" text, "sshKey" text, "user_name" text, ' +
    '"created_by" text, "billing_address" text, "viewCount" integer, "hits" bigint, "published" timestamp, "edited_at" timestamptz, ' +
    '"summary" varchar(100), "code" varchar(50), "desc" text, "adress" text, "label" char(10), "price" numeric(10, 2), "meta" json);',
].join('--> statement-breakpoint\n');
/** ADD COLUMN `added` then DROP COLUMN `dropped` on "posts", the order drizzle-kit writes them. */
const swap = (added: string, dropped: string, ...more: string[]) =>
  later([`ALTER TABLE "posts" ADD COLUMN ${added};`, ...more, `ALTER TABLE "posts" DROP COLUMN "${dropped}";`].join('--> statement-breakpoint\n'));
/** Where the type of `ALTER TABLE "posts" ADD COLUMN "<name>" <type>` starts and ends on line 1. */
const typeAt = (name: string, type: string) => {
  const column = 'ALTER TABLE "posts" ADD COLUMN "'.length + name.length + 2 + 1;
  return { file: migrationPath(1), line: 1, column, endLine: 1, endColumn: column + type.length };
};
const widened = (column: string, type: string, dropped: string, droppedType: string) => ({
  message: messages.addedColumnWidened({ column: `"${column}"`, type, table: '"posts"', dropped: `"${dropped}"`, droppedType }),
  ...typeAt(column, type),
});
/** The tables above applied in an earlier deploy, then the pending migrations. */
const later = (...pending: string[]) => afterHistory(BASE, ...pending);
const authorId = messages.addedColumn({ column: '"author_id"', type: 'text', table: '"threads"', dropped: '"authorId"' });

testRule('rename-as-drop-and-add', {
  accept: [
    { files: later('ALTER TABLE "threads" RENAME COLUMN "authorId" TO "author_id";'), description: 'a real rename' },
    {
      files: later('ALTER TABLE "threads" ADD COLUMN "author_id" integer;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'different type',
    },
    {
      files: later('ALTER TABLE "threads" ADD COLUMN "body" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'unrelated names: a new column on purpose',
    },
    {
      files: later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nUPDATE "threads" SET "author_id" = "authorId";--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'the migration copies the data',
    },
    {
      files: later('ALTER TABLE "threads" DROP COLUMN "authorId";--> statement-breakpoint\nALTER TABLE "threads" ADD COLUMN "authorId" text;'),
      description: 'same name re-created (dropping-column reports that)',
    },
    {
      files: later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nALTER TABLE "threads" ADD COLUMN "author" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'ambiguous: two related columns added for one dropped',
    },
    // Types that do not copy: the UPDATE the hint proposes would fail or lose values.
    { files: swap('"author_id" uuid', 'author'), description: 'text → uuid: no cast in pg_cast' },
    { files: swap('"view_count" smallint', 'viewCount'), description: 'integer → smallint narrows' },
    { files: swap('"edited" timestamp', 'edited_at'), description: 'timestamptz → timestamp shifts by TimeZone' },
    { files: swap('"summary_text" varchar(50)', 'summary'), description: 'varchar(100) → varchar(50) cuts' },
    { files: swap('"labels" text', 'label'), description: 'char(10) → text drops trailing blanks' },
    { files: swap('"price_total" numeric(10, 3)', 'price'), description: 'numeric(10, 2) → numeric(10, 3) has one digit less before the point' },
    // A new foreign key holds ids: a name or a key of another table copied into it fails (23503).
    {
      files: swap('"sshKeyId" text', 'sshKey', 'DO $$ BEGIN\n ALTER TABLE "posts" ADD CONSTRAINT "posts_ssh_fk" FOREIGN KEY ("sshKeyId") REFERENCES "public"."users"("id");\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;'),
      description: 'text → a foreign key added in a DO block later in the file (Dokploy customGitSSHKey → customGitSSHKeyId)',
    },
    { files: swap('"author_id" text REFERENCES "users"("id")', 'author'), description: 'text → an inline REFERENCES column' },
    {
      files: swap('"owner_id" text', 'ownerId', 'ALTER TABLE "posts" DROP CONSTRAINT "posts_owner_fk";', 'ALTER TABLE "posts" ADD CONSTRAINT "posts_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "members"("id");'),
      description: 'a key of users → a key of members',
    },
    // Names that share a word but name two things.
    { files: swap('"team_name" text', 'user_name'), description: 'user_name / team_name' },
    { files: swap('"updated_by" text', 'created_by'), description: 'created_by / updated_by' },
    { files: swap('"shipping_address" text', 'billing_address'), description: 'billing_address / shipping_address' },
    { files: swap('"poster" text', 'author'), description: 'unrelated words' },
    {
      files: later('CREATE TABLE "password_token" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz, "used_at" timestamptz);--> statement-breakpoint\nDROP TABLE "email_token";'),
      description: 'near-identical tables whose names share a word but name two things (codu EmailVerificationToken / EmailChangeRequest)',
    },
    {
      sql: 'CREATE TABLE "t" ("a" text);--> statement-breakpoint\nALTER TABLE "t" DROP COLUMN "a";--> statement-breakpoint\nALTER TABLE "t" ADD COLUMN "a_2" text;',
      description: 'table created in the same migration holds no data',
    },
    {
      files: later('CREATE TABLE "email_tokens" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz);--> statement-breakpoint\nINSERT INTO "email_tokens" SELECT * FROM "email_token";--> statement-breakpoint\nDROP TABLE "email_token";'),
      description: 'rows copied into the new table',
    },
    {
      files: later('CREATE TABLE "sessions" ("id" bigint PRIMARY KEY, "token" text);--> statement-breakpoint\nDROP TABLE "email_token";'),
      description: 'tables with little in common',
    },
    {
      files: later('ALTER TABLE "threads" DROP COLUMN "authorId";', 'ALTER TABLE "threads" ADD COLUMN "author_id" text;'),
      description: 'drop and add in two migrations: two answers to two prompts, not one',
    },
  ],
  reject: [
    { files: swap('"summary_text" text', 'summary'), description: 'varchar(100) → text', expect: widened('summary_text', 'text', 'summary', 'varchar(100)') },
    { files: swap('"summary_long" varchar(200)', 'summary'), description: 'varchar(100) → varchar(200)', expect: widened('summary_long', 'varchar(200)', 'summary', 'varchar(100)') },
    { files: swap('"view_count" bigint', 'viewCount'), description: 'integer → bigint', expect: widened('view_count', 'bigint', 'viewCount', 'integer') },
    { files: swap('"hits_total" numeric', 'hits'), description: 'bigint → numeric', expect: widened('hits_total', 'numeric', 'hits', 'bigint') },
    { files: swap('"published_at" timestamptz', 'published'), description: 'timestamp → timestamptz', expect: widened('published_at', 'timestamptz', 'published', 'timestamp') },
    { files: swap('"metadata" jsonb', 'meta'), description: 'json → jsonb, a short form', expect: widened('metadata', 'jsonb', 'meta', 'json') },
    {
      files: swap('"description" text', 'desc'),
      description: 'same type, a short form of the word',
      expect: { message: messages.addedColumn({ column: '"description"', type: 'text', table: '"posts"', dropped: '"desc"' }), ...typeAt('description', 'text') },
    },
    {
      files: swap('"address" text', 'adress'),
      description: 'same type, a typo fixed',
      expect: { message: messages.addedColumn({ column: '"address"', type: 'text', table: '"posts"', dropped: '"adress"' }), ...typeAt('address', 'text') },
    },
    {
      files: swap('"owner_id" text', 'ownerId', 'ALTER TABLE "posts" DROP CONSTRAINT "posts_owner_fk";', 'ALTER TABLE "posts" ADD CONSTRAINT "posts_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "users"("id");'),
      description: 'a key of users → a key of users (the old constraint dropped first)',
      expect: { message: messages.addedColumn({ column: '"owner_id"', type: 'text', table: '"posts"', dropped: '"ownerId"' }), ...typeAt('owner_id', 'text') },
    },
    {
      files: later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nALTER TABLE "threads" ADD COLUMN "author_name" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'an unrelated column of the same type added alongside does not hide the rename',
      expect: { file: migrationPath(1), message: authorId, line: 1, column: 46, endLine: 1, endColumn: 50 },
    },
    {
      files: later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'ADD before DROP (the usual drizzle-kit order)',
      expect: { file: migrationPath(1), message: authorId, line: 1, column: 46, endLine: 1, endColumn: 50 },
    },
    {
      files: later('ALTER TABLE "threads" DROP COLUMN "authorId";--> statement-breakpoint\n-- é\nALTER TABLE "threads" ADD COLUMN "author_id" text NOT NULL DEFAULT \'\';'),
      description: 'DROP before ADD: the type comes from the schema before the drop',
      expect: { file: migrationPath(1), message: authorId, line: 3, column: 46, endLine: 3, endColumn: 70 },
    },
    {
      files: later('DROP TABLE "email_token";--> statement-breakpoint\nCREATE TABLE "email_tokens" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz, "used_at" timestamptz);'),
      description: 'near-identical tables (4 of 5 columns), the name made plural',
      expect: {
        file: migrationPath(1),
        message: messages.createdTable({ table: '"email_tokens"', dropped: '"email_token"', matching: 4, columns: 4 }),
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 131,
      },
    },
    {
      files: later('DROP TABLE "email_token";--> statement-breakpoint\nCREATE TABLE "email_tokens" (\n\t"id" bigint PRIMARY KEY,\n\t"email" text,\n\t"token" text,\n\t"expires_at" timestamptz\n);'),
      description: 'DROP TABLE + CREATE TABLE with the same columns',
      expect: {
        file: migrationPath(1),
        message: messages.createdTable({ table: '"email_tokens"', dropped: '"email_token"', matching: 4, columns: 4 }),
        line: 2,
        column: 14,
        endLine: 7,
        endColumn: 2,
      },
    },
  ],
});

describe('rename-as-drop-and-add hint', () => {
  it('copies the old values into the new column only where the cast keeps them', async () => {
    const [f] = await findingsOf('rename-as-drop-and-add', { files: swap('"view_count" bigint', 'viewCount') });
    expect(f.hint).toBe(
      'For a rename, run drizzle-kit generate again and choose the rename (it writes RENAME COLUMN; see renaming-column for a zero-downtime path), or copy the data before the drop: UPDATE "posts" SET "view_count" = "viewCount";',
    );
  });
});
