import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/adding-check-constraint.js';

const INIT = { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "t" ("id" integer, "a" integer);', batch: 0 };
const file = (path: string, text: string, batch: number) => ({ path, text, batch });
const DOMAIN_INIT = file('drizzle/0000_init.sql', 'CREATE DOMAIN "posint" AS integer;\nCREATE TABLE "t" ("id" integer, "p" "posint");\nCREATE TABLE "u" ("p" posint);', 0);
const DOMAIN_CHECK = 'ALTER DOMAIN "posint" ADD CONSTRAINT "posint_pos" CHECK (VALUE > 0);';

testRule('adding-check-constraint', {
  accept: [
    { sql: 'ALTER TABLE "t" ADD CONSTRAINT "t_a_pos" CHECK ("a" > 0) NOT VALID;' },
    { sql: 'ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_pos";' },
    { sql: 'CREATE TABLE "t" ("a" integer CHECK ("a" > 0));\n--> statement-breakpoint\nALTER TABLE "t" ADD CONSTRAINT "t_a_pos" CHECK ("a" > 0);', description: 'table created earlier in the same file' },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "t" ("a" integer);', 1), file('drizzle/0001_b.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_pos" CHECK ("a" > 0);', 1)],
      description: 'table created by an earlier file of the same batch',
    },
    { files: [DOMAIN_INIT, file('drizzle/0001_a.sql', `${DOMAIN_CHECK.slice(0, -1)} NOT VALID;`, 1)], description: 'ALTER DOMAIN … ADD CHECK … NOT VALID' },
    {
      files: [file('drizzle/0000_init.sql', 'CREATE DOMAIN "posint" AS integer;\nCREATE TABLE "t" ("p" posint);', 1), file('drizzle/0001_a.sql', DOMAIN_CHECK, 1)],
      description: 'ALTER DOMAIN … ADD CHECK when only tables of this batch use the domain',
    },
    { files: [file('drizzle/0000_init.sql', 'CREATE DOMAIN "posint" AS integer;', 0), file('drizzle/0001_a.sql', DOMAIN_CHECK, 1)], description: 'ALTER DOMAIN … ADD CHECK on a domain no table uses' },
  ],
  reject: [
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_pos" CHECK ("a" > 0);', 1)],
      expect: {
        file: 'drizzle/0001_a.sql',
        message: messages.addCheck({ name: '"t_a_pos"', table: '"t"' }),
        line: 1,
        column: 21,
        endLine: 1,
        endColumn: 57,
      },
    },
    {
      sql: 'ALTER TABLE "app"."t" ADD COLUMN "x" integer DEFAULT 1 CHECK ("x" > 0);',
      description: 'ADD COLUMN … CHECK, schema-qualified',
      expect: { message: messages.addColumnWithCheck({ column: '"x"', table: '"app"."t"' }), line: 1, column: 56, endLine: 1, endColumn: 71 },
    },
    {
      files: [DOMAIN_INIT, file('drizzle/0001_a.sql', DOMAIN_CHECK, 1)],
      description: 'ALTER DOMAIN … ADD CHECK: every existing table that uses the domain is scanned',
      expect: {
        file: 'drizzle/0001_a.sql',
        message: messages.addDomainCheck({ name: '"posint_pos"', domain: '"posint"', tables: '"t" and "u"', count: 2 }),
        line: 1,
        column: 27,
        endLine: 1,
        endColumn: 68,
      },
    },
    {
      sql: 'DO $$ BEGIN\n  ALTER TABLE "t" ADD CHECK ("a" > 0);\nEND $$;',
      description: 'unnamed, inside a DO block',
      expect: { message: messages.addCheck({ table: '"t"' }), line: 2, column: 23, endLine: 2, endColumn: 38 },
    },
  ],
});
