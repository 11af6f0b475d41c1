import { sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/adding-exclusion-constraint.js';

const EXCL = 'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);';

testRule('adding-exclusion-constraint', {
  accept: [
    { sql: `CREATE TABLE "bookings" ("room" integer, "during" tstzrange);\n--> statement-breakpoint\n${EXCL}`, description: 'table created earlier in the same file' },
    {
      files: sameBatch('CREATE TABLE "bookings" ("room" integer, "during" tstzrange);', EXCL),
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: EXCL,
      expect: {
        message: messages.addExclusion({ name: '"no_overlap"', table: '"bookings"' }),
        line: 1,
        column: 28,
        endLine: 1,
        endColumn: 104,
      },
    },
    {
      sql: 'DO $$ BEGIN\n ALTER TABLE "app"."bookings" ADD EXCLUDE USING gist ("during" WITH &&);\nEND $$;',
      description: 'DO block, schema-qualified, unnamed',
      expect: { message: messages.addExclusion({ table: '"app"."bookings"' }), line: 2, column: 35, endLine: 2, endColumn: 72 },
    },
  ],
});
