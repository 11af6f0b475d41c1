import { testRule } from '../helpers/test-rule.js';

testRule('renaming-column', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text);\n--> statement-breakpoint\nALTER TABLE "t" RENAME COLUMN "a" TO "b";', description: 'table created in the same migration' },
    { sql: 'ALTER TABLE "t" RENAME TO "t2";' },
    { sql: 'ALTER TABLE "t" RENAME CONSTRAINT "a" TO "b";' },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" RENAME COLUMN "fullName" TO "full_name";',
      expect: {
        message: 'Renaming column "fullName" of "users" to "full_name" breaks every running app version that still uses the old name.',
        line: 1,
        column: 1,
      },
    },
    {
      sql: '-- é\nALTER TABLE "auth"."users" RENAME "a" TO "b";',
      description: 'COLUMN keyword omitted, schema-qualified',
      expect: { message: /^Renaming column "a" of "auth"\."users" to "b"/, line: 2, column: 1 },
    },
  ],
});
