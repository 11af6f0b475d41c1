import { testRule } from '../helpers/test-rule.js';

testRule('dropping-column', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text, "b" text);\n--> statement-breakpoint\nALTER TABLE "t" DROP COLUMN "b";', description: 'table created in the same migration' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "t" ("a" text);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "t" ADD COLUMN "b" text;', batch: 1 },
        { path: 'drizzle/0002_c.sql', text: 'ALTER TABLE "t" DROP COLUMN "b";', batch: 1 },
      ],
      description: 'column added earlier in the same batch',
    },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "b" DROP DEFAULT;' },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" DROP COLUMN "legacy_id";',
      expect: {
        message: 'Dropping column "legacy_id" from "users" deletes its data for good, and running app versions that still select it start failing.',
        line: 1,
        column: 1,
      },
    },
    {
      sql: '-- é\r\nALTER TABLE "auth"."users" DROP COLUMN IF EXISTS "a" CASCADE, DROP COLUMN "b";',
      description: 'CASCADE, schema, several commands, CRLF',
      expect: [
        { message: /^Dropping column "a" from "auth"\."users" deletes its data.* CASCADE also drops every view, index and constraint that uses it\.$/, line: 2, column: 1 },
        { message: /^Dropping column "b" from "auth"\."users"/, line: 2, column: 1 },
      ],
    },
    {
      sql: 'ALTER TABLE "ledger" DROP COLUMN "entry_type";--> statement-breakpoint\nALTER TABLE "ledger" ADD COLUMN "entry_type" "entry_kind" NOT NULL;',
      description: 'dropped and re-added with another type: values are lost',
      expect: {
        message: 'Dropping column "entry_type" from "ledger" and adding it again below as entry_kind deletes every value it holds; running app versions read NULLs or defaults instead.',
        line: 1,
        column: 1,
      },
    },
  ],
});
