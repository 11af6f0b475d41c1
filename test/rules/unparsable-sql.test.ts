import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/unparsable-sql.js';

testRule('unparsable-sql', {
  accept: [
    { sql: 'ALTER TABLE "users" ADD COLUMN "age" integer;' },
    { sql: '--> statement-breakpoint\n\n--> statement-breakpoint\n-- just a comment\n;', description: 'empty chunks and comment-only chunks run as empty queries' },
    {
      sql: 'DO $$ BEGIN\n ALTER TABLE "a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b") REFERENCES "public"."b"("id");\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;',
      description: "drizzle-kit's DO wrapper parses, body included",
    },
    {
      sql: 'CREATE POLICY "own rows" ON "notes" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select auth.uid()) = "user_id");--> statement-breakpoint\nALTER TYPE "public"."plan" ADD VALUE IF NOT EXISTS \'team\';',
      description: 'syntax other parsers reject but Postgres accepts',
    },
    { sql: "SELECT 'it''s -- not a comment', $tag$ /* not a comment $tag$;" },
    {
      sql: 'SELECT 1;\n--> statement-breakpoint\n-- migration-lint-disable-next-statement unparsable-sql -- kept for the record, never applied\nSELEC 2;\n--> statement-breakpoint\nSELECT 3;',
      description: 'a disable-next-statement comment covers the rejected chunk after it',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" ADD COLUMN "age" integr NOT NULL DEFAULT;',
      expect: { message: messages.rejected({ parserMessage: 'syntax error at or near ";"', inDoBody: false }), line: 1, column: 61, endLine: 1, endColumn: 61 },
    },
    {
      sql: 'CREATE TABLE "a" ("id" int);\n--> statement-breakpoint\n-- ünïcödé 😀\r\nALTER TABLE "a" ADD COLUMN "b" inn t;\n--> statement-breakpoint\nSELEC 1;',
      description: 'each rejected chunk at its own position, after non-ASCII text and CRLF',
      expect: [
        { message: messages.rejected({ parserMessage: 'syntax error at or near "t"', inDoBody: false }), line: 4, column: 36, endLine: 4, endColumn: 36 },
        { message: messages.rejected({ parserMessage: 'syntax error at or near "SELEC"', inDoBody: false }), line: 6, column: 1, endLine: 6, endColumn: 1 },
      ],
    },
    {
      sql: '/*\nCREATE TABLE "a" ("id" int);\n--> statement-breakpoint\nCREATE TABLE "b" ("id" int);\n*/',
      description: 'a block comment around breakpoints (an introspection dump commented out)',
      expect: [
        { message: messages.rejected({ parserMessage: 'unterminated /* comment at or near "/*…"', inDoBody: false }), line: 1, column: 1, endLine: 1, endColumn: 1 },
        { message: messages.rejected({ parserMessage: 'syntax error at or near "*/"', inDoBody: false }), line: 5, column: 1, endLine: 5, endColumn: 1 },
      ],
    },
    {
      sql: "INSERT INTO \"t\" VALUES ('open",
      expect: { message: messages.rejected({ parserMessage: 'unterminated quoted string at or near "\'open"', inDoBody: false }), line: 1, column: 25, endLine: 1, endColumn: 25 },
    },
    {
      sql: 'DO $$ BEGIN\n ALTER TABLE "a" ADD COLUMN "b" inn t;\nEND $$;',
      description: 'a DO body the PL/pgSQL parser rejects is reported at the DO statement',
      expect: { message: messages.rejected({ inDoBody: true, parserMessage: 'syntax error at or near "t"' }), line: 1, column: 1, endLine: 1, endColumn: 1 },
    },
  ],
});
