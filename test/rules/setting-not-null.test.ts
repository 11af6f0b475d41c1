import { testRule } from '../helpers/test-rule.js';

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
  ],
  reject: [
    {
      files: [INIT, file('drizzle/0001_a.sql', SET, 1)],
      expect: {
        file: 'drizzle/0001_a.sql',
        message: 'Setting NOT NULL on "a" of "t" scans the whole table for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait until the scan finishes.',
        line: 1,
        column: 1,
      },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;', 1), file('drizzle/0002_b.sql', SET, 2)],
      description: 'a NOT VALID check does not help',
      expect: { file: 'drizzle/0002_b.sql', message: /The CHECK "t_a_nn" is NOT VALID, so Postgres cannot use it to skip the scan\.$/, line: 1, column: 1 },
    },
    {
      files: [
        INIT,
        file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;', 1),
        file('drizzle/0002_b.sql', 'ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_nn";', 1),
        file('drizzle/0003_c.sql', SET, 1),
      ],
      description: 'check validated in the same batch (one transaction under drizzle)',
      expect: { file: 'drizzle/0003_c.sql', message: /checked in this same transaction, so that scan runs while the table is locked\.$/, line: 1, column: 1 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" CHECK ("a" IS NOT NULL);', 1), file('drizzle/0002_b.sql', SET, 2)],
      config: { postgresVersion: 11 },
      description: 'PG 11 ignores the validated check',
      expect: { file: 'drizzle/0002_b.sql', message: /PostgreSQL 11 does not use the validated CHECK "t_a_nn"/, line: 1, column: 1 },
    },
    {
      files: [INIT, file('drizzle/0001_a.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" NOT NULL "a";', 1)],
      config: { postgresVersion: 18 },
      description: 'PG 18 ADD CONSTRAINT … NOT NULL without NOT VALID scans',
      expect: { file: 'drizzle/0001_a.sql', message: /^Setting NOT NULL on "a" of "t" scans/, line: 1, column: 21 },
    },
    {
      sql: 'SELECT 1;\nDO $$ BEGIN\n  ALTER TABLE "s"."t" ALTER COLUMN "a" SET NOT NULL;\nEND $$;',
      description: 'schema-qualified, inside a DO block, unknown table',
      expect: { message: /^Setting NOT NULL on "a" of "s"\."t"/, line: 3, column: 3 },
    },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "t" ("a" integer);', 0), file('drizzle/0001_b.sql', SET, 1)],
      description: 'table created by an earlier batch is existing',
      expect: { file: 'drizzle/0001_b.sql', message: /"a" of "t"/, line: 1, column: 1 },
    },
  ],
});
