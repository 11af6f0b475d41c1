import { testRule } from '../helpers/test-rule.js';

const base = {
  path: 'drizzle/0000_base.sql',
  text: [
    'CREATE TABLE "threads" ("id" bigint PRIMARY KEY, "authorId" text, "title" text, "score" integer);',
    'CREATE TABLE "email_token" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz);',
  ].join('--> statement-breakpoint\n'),
  batch: 0,
};
const later = (text: string) => ({ path: 'drizzle/0001_x.sql', text, batch: 1 });

testRule('rename-as-drop-and-add', {
  accept: [
    { files: [base, later('ALTER TABLE "threads" RENAME COLUMN "authorId" TO "author_id";')], description: 'a real rename' },
    {
      files: [base, later('ALTER TABLE "threads" ADD COLUMN "author_id" integer;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";')],
      description: 'different type',
    },
    {
      files: [base, later('ALTER TABLE "threads" ADD COLUMN "body" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";')],
      description: 'unrelated names: a new column on purpose',
    },
    {
      files: [
        base,
        later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nUPDATE "threads" SET "author_id" = "authorId";--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      ],
      description: 'the migration copies the data',
    },
    {
      files: [base, later('ALTER TABLE "threads" DROP COLUMN "authorId";--> statement-breakpoint\nALTER TABLE "threads" ADD COLUMN "authorId" text;')],
      description: 'same name re-created (dropping-column reports that)',
    },
    {
      files: [
        base,
        later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nALTER TABLE "threads" ADD COLUMN "author_name" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";'),
      ],
      description: 'ambiguous: two same-typed columns added for one dropped',
    },
    {
      sql: 'CREATE TABLE "t" ("a" text);--> statement-breakpoint\nALTER TABLE "t" DROP COLUMN "a";--> statement-breakpoint\nALTER TABLE "t" ADD COLUMN "a_2" text;',
      description: 'table created in the same migration holds no data',
    },
    {
      files: [
        base,
        later('CREATE TABLE "email_tokens" ("id" bigint PRIMARY KEY, "email" text, "token" text, "expires_at" timestamptz);--> statement-breakpoint\nINSERT INTO "email_tokens" SELECT * FROM "email_token";--> statement-breakpoint\nDROP TABLE "email_token";'),
      ],
      description: 'rows copied into the new table',
    },
    {
      files: [base, later('CREATE TABLE "sessions" ("id" bigint PRIMARY KEY, "token" text);--> statement-breakpoint\nDROP TABLE "email_token";')],
      description: 'tables with little in common',
    },
    {
      files: [
        base,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "threads" DROP COLUMN "authorId";', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "threads" ADD COLUMN "author_id" text;', batch: 1 },
      ],
      description: 'drop and add in two migrations: two answers to two prompts, not one',
    },
  ],
  reject: [
    {
      files: [base, later('ALTER TABLE "threads" ADD COLUMN "author_id" text;--> statement-breakpoint\nALTER TABLE "threads" DROP COLUMN "authorId";')],
      description: 'ADD before DROP (the usual drizzle-kit order)',
      expect: {
        file: 'drizzle/0001_x.sql',
        message:
          'Column "author_id" (text) is added to "threads" while column "authorId" of the same type is dropped in this migration: if this is a rename (drizzle-kit asked "create or rename?" and got "create"), every value of "authorId" is lost.',
        line: 1,
        column: 46,
      },
    },
    {
      files: [base, later('ALTER TABLE "threads" DROP COLUMN "authorId";--> statement-breakpoint\n-- é\nALTER TABLE "threads" ADD COLUMN "author_id" text NOT NULL DEFAULT \'\';')],
      description: 'DROP before ADD: the type comes from the schema before the drop',
      expect: { file: 'drizzle/0001_x.sql', message: /^Column "author_id" \(text\) is added to "threads" while column "authorId"/, line: 3, column: 46 },
    },
    {
      files: [base, later('DROP TABLE "email_token";--> statement-breakpoint\nCREATE TABLE "email_tokens" (\n\t"id" bigint PRIMARY KEY,\n\t"email" text,\n\t"token" text,\n\t"expires_at" timestamptz\n);')],
      description: 'DROP TABLE + CREATE TABLE with the same columns',
      expect: {
        file: 'drizzle/0001_x.sql',
        message:
          'Table "email_tokens" is created while "email_token", with 4 of its 4 columns the same, is dropped in this migration: if this is a rename (drizzle-kit asked "create or rename?" and got "create"), every row of "email_token" is lost.',
        line: 2,
        column: 14,
      },
    },
  ],
});
