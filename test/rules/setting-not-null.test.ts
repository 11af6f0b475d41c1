import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/setting-not-null.js';

const INIT = { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "t" ("id" integer PRIMARY KEY, "a" integer, "b" text NOT NULL);', batch: 0 };
const SET = 'ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;';
const file = (path: string, text: string, batch: number) => ({ path, text, batch });

testRule('setting-not-null', {
  accept: [
    { files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ALTER COLUMN "b" SET NOT NULL;', 1)], description: 'column already NOT NULL' },
    { files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ALTER COLUMN "id" SET NOT NULL;', 1)], description: 'primary key column' },
    {
      files: [
        INIT,
        file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;', 1),
        file('drizzle/0002_b.sql', 'ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_nn";', 2),
        file('drizzle/0003_c.sql', SET, 3),
      ],
      description: 'validated CHECK (a IS NOT NULL) from an earlier transaction, PG ≥ 12',
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_b" CHECK ("a" IS NOT NULL AND "a" > 0);', 1), file('drizzle/0002_b.sql', SET, 2)],
      description: 'a validated check with IS NOT NULL as one conjunct',
    },
    { sql: 'CREATE TABLE "t" ("a" integer);\n--> statement-breakpoint\n' + SET, description: 'table created earlier in the same file' },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "t" ("a" integer);', 1), file('drizzle/0001_b.sql', SET, 1)],
      description: 'table created by an earlier file of the same batch',
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" NOT NULL "a" NOT VALID;', 1)],
      config: { postgresVersion: 18 },
      description: 'PG 18 NOT NULL … NOT VALID does not scan',
    },
    {
      files: [
        INIT,
        file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;', 1),
        file('drizzle/0002_b.sql', 'ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_nn";\n--> statement-breakpoint\n' + SET, 2),
      ],
      description: 'VALIDATE earlier in the same transaction: its scan runs under SHARE UPDATE EXCLUSIVE; SET NOT NULL then skips the scan (measured)',
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD COLUMN "c" integer;\n--> statement-breakpoint\nUPDATE "t" SET "c" = 0;\n--> statement-breakpoint\nALTER TABLE "t" ADD CONSTRAINT "t_c_nn" CHECK ("c" IS NOT NULL) NOT VALID;\n--> statement-breakpoint\nALTER TABLE "t" VALIDATE CONSTRAINT "t_c_nn";', 1)],
      description: 'new column backfilled before the VALIDATE: it may pass',
    },
    {
      files: [
        INIT,
        file(
          'drizzle/0001_a.sql',
          'ALTER TABLE "t" ADD COLUMN "c" integer;\n--> statement-breakpoint\nCOMMIT;\n--> statement-breakpoint\nDO $$ BEGIN UPDATE "t" SET "c" = 0 WHERE "c" IS NULL; END $$;\n--> statement-breakpoint\nBEGIN;\n--> statement-breakpoint\nALTER TABLE "t" ADD CONSTRAINT "t_c_nn" CHECK ("c" IS NOT NULL) NOT VALID;\n--> statement-breakpoint\nALTER TABLE "t" VALIDATE CONSTRAINT "t_c_nn";',
          1,
        ),
      ],
      config: { rules: { 'unbalanced-transaction': 'off' } },
      description: "backfilled in a committed step before the VALIDATE (fix's recipe for a new NOT NULL column): it may pass",
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD COLUMN "c" integer DEFAULT 0;\n--> statement-breakpoint\nALTER TABLE "t" ADD CONSTRAINT "t_c_nn" CHECK ("c" IS NOT NULL) NOT VALID;\n--> statement-breakpoint\nALTER TABLE "t" VALIDATE CONSTRAINT "t_c_nn";', 1)],
      description: 'new column with a DEFAULT: no NULLs',
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE DOMAIN "d" AS integer;\n--> statement-breakpoint\nCREATE TABLE "t" ("x" "d");', 0), file('drizzle/0001_b.sql', 'ALTER DOMAIN "d" DROP NOT NULL;', 1)],
      description: 'DROP NOT NULL on a domain scans nothing',
    },
  ],
  reject: [
    {
      files: [INIT, file('drizzle/0001_a.sql', SET, 1)],
      expect: { file: 'drizzle/0001_a.sql', message: messages.scan({ column: '"a"', table: '"t"' }), line: 1, column: 1, endLine: 1, endColumn: 46 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;', 1), file('drizzle/0002_b.sql', SET, 2)],
      description: 'a NOT VALID check does not help',
      expect: { file: 'drizzle/0002_b.sql', message: `${messages.scan({ column: '"a"', table: '"t"' })} ${messages.checkNotValid({ check: '"t_a_nn"' })}`, line: 1, column: 1, endLine: 1, endColumn: 46 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL);', 1), file('drizzle/0002_b.sql', SET, 2)],
      config: { postgresVersion: 11 },
      description: 'PG 11 ignores the validated check',
      expect: { file: 'drizzle/0002_b.sql', message: `${messages.scan({ column: '"a"', table: '"t"' })} ${messages.checkIgnoredBefore12({ pg: 11, check: '"t_a_nn"' })}`, line: 1, column: 1, endLine: 1, endColumn: 46 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" NOT NULL "a";', 1)],
      config: { postgresVersion: 18 },
      description: 'PG 18 ADD CONSTRAINT … NOT NULL without NOT VALID scans',
      expect: { file: 'drizzle/0001_a.sql', message: messages.scan({ column: '"a"', table: '"t"' }), line: 1, column: 21, endLine: 1, endColumn: 53 },
    },
    {
      sql: 'SELECT 1;\nDO $$ BEGIN\n  ALTER TABLE "s"."t" ALTER COLUMN "a" SET NOT NULL;\nEND $$;',
      description: 'schema-qualified, inside a DO block, unknown table',
      expect: { message: messages.scan({ column: '"a"', table: '"s"."t"' }), line: 3, column: 3, endLine: 3, endColumn: 52 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "t" ("a" integer);', 0), file('drizzle/0001_b.sql', SET, 1)],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_b.sql', message: messages.scan({ column: '"a"', table: '"t"' }), line: 1, column: 1, endLine: 1, endColumn: 46 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD COLUMN "c" integer;\n--> statement-breakpoint\nALTER TABLE "t" ADD CONSTRAINT "t_c_nn" CHECK ("c" IS NOT NULL) NOT VALID;\n--> statement-breakpoint\nALTER TABLE "t" VALIDATE CONSTRAINT "t_c_nn";', 1)],
      description: 'VALIDATE of a check on a column just added with no default: every row is NULL, 23514 (measured)',
      expect: { file: 'drizzle/0001_a.sql', message: messages.validateFails({ check: '"t_c_nn"', column: '"c"', table: '"t"' }), line: 5, column: 1, endLine: 5, endColumn: 45 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE DOMAIN "d" AS integer;\n--> statement-breakpoint\nCREATE TABLE "t" ("x" "d");\n--> statement-breakpoint\nCREATE TABLE "u" ("y" "d");', 0), file('drizzle/0001_b.sql', 'ALTER DOMAIN "d" SET NOT NULL;', 1)],
      description: 'SET NOT NULL on a domain scans every table using it under SHARE (measured)',
      expect: { file: 'drizzle/0001_b.sql', message: messages.domainScan({ domain: '"d"', tables: '"t" and "u"' }), line: 1, column: 1, endLine: 1, endColumn: 30 },
    },
  ],
});
