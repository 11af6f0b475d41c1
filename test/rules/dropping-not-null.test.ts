import { testRule } from '../helpers/test-rule.js';

testRule('dropping-not-null', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text NOT NULL);\n--> statement-breakpoint\nALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL;', description: 'new table' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "t" ("id" bigint);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "t" ADD COLUMN "a" text NOT NULL DEFAULT \'\';', batch: 1 },
        { path: 'drizzle/0002_c.sql', text: 'ALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL;', batch: 1 },
      ],
      description: 'column added earlier in the same batch',
    },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL;--> statement-breakpoint\nDROP TABLE "t";', description: 'table dropped later in the file' },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" ALTER COLUMN "password" DROP NOT NULL;',
      expect: {
        message:
          'Dropping NOT NULL on "password" of "users" lets new code write NULLs that running app versions (typed from the old Drizzle schema as never null) do not expect, and an app rollback keeps meeting them.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 58,
      },
    },
  ],
});
