import { sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-schema.js';

const base = { path: 'drizzle/0000_base.sql', text: 'CREATE SCHEMA "billing";\n--> statement-breakpoint\nCREATE TABLE "billing"."invoices" ("id" bigint);', batch: 0 };

testRule('dropping-schema', {
  accept: [
    { sql: 'CREATE SCHEMA "tmp";\n--> statement-breakpoint\nDROP SCHEMA "tmp";', description: 'schema created in the same migration' },
    {
      files: sameBatch('CREATE SCHEMA "tmp";', 'DROP SCHEMA "tmp" CASCADE;'),
      description: 'schema created earlier in the same batch',
    },
    { sql: 'DROP TABLE "t";' },
  ],
  reject: [
    {
      files: [base, { path: 'drizzle/0001_x.sql', text: 'DROP SCHEMA "billing" CASCADE;', batch: 1 }],
      expect: {
        file: 'drizzle/0001_x.sql',
        message: messages.dropCascade({ schema: '"billing"', tables: '"billing"."invoices"', drizzleSchema: false }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 30,
      },
    },
    {
      files: [base, { path: 'drizzle/0001_x.sql', text: 'SELECT 1;\nDROP SCHEMA IF EXISTS "billing";', batch: 1 }],
      description: 'without CASCADE it fails while tables remain',
      expect: { file: 'drizzle/0001_x.sql', message: messages.dropFailsNotEmpty({ schema: '"billing"', tables: '"billing"."invoices"', drizzleSchema: false }), line: 2, column: 1, endLine: 2, endColumn: 32 },
    },
    {
      sql: 'DROP SCHEMA "drizzle" CASCADE;',
      description: "drizzle-kit's own bookkeeping schema",
      expect: { message: messages.dropCascade({ schema: '"drizzle"', tables: '', drizzleSchema: true }), line: 1, column: 1, endLine: 1, endColumn: 30 },
    },
  ],
});
