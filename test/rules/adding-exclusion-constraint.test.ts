import { testRule } from '../helpers/test-rule.js';

const EXCL = 'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);';

testRule('adding-exclusion-constraint', {
  accept: [
    { sql: `CREATE TABLE "bookings" ("room" integer, "during" tstzrange);\n--> statement-breakpoint\n${EXCL}`, description: 'table created earlier in the same file' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "bookings" ("room" integer, "during" tstzrange);', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: EXCL, batch: 1 },
      ],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: EXCL,
      expect: {
        message:
          'Adding exclusion constraint "no_overlap" to "bookings" builds its index and checks every existing row while holding ACCESS EXCLUSIVE: reads and writes wait for the whole build. Exclusion constraints have no NOT VALID or USING INDEX form, so there is no lock-free way to add one.',
        line: 1,
        column: 28,
        endLine: 1,
        endColumn: 104,
      },
    },
    {
      sql: 'DO $$ BEGIN\n ALTER TABLE "app"."bookings" ADD EXCLUDE USING gist ("during" WITH &&);\nEND $$;',
      description: 'DO block, schema-qualified, unnamed',
      expect: { message: /^Adding exclusion constraint to "app"\."bookings"/, line: 2, column: 35, endLine: 2, endColumn: 72 },
    },
  ],
});
