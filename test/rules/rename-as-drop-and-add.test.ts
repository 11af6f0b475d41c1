import { afterHistory, migrationPath, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/rename-as-drop-and-add.js';

const BASE = [
  'CREATE TABLE "threads" ("id" bigint PRIMARY KEY, "authorId" text, "title" text, "score" integer);',
  'CREATE TABLE "email_token" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz);',
].join('--> statement-breakpoint\n');
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
      files: later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nALTER TABLE "threads" ADD COLUMN "author_name" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      description: 'ambiguous: two same-typed columns added for one dropped',
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
