import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/recreating-enum.js';

const BP = '--> statement-breakpoint\n';
const HISTORY = {
  path: 'drizzle/0000_init.sql',
  text: `CREATE TYPE "public"."status" AS ENUM('pending', 'running', 'resumed');\n${BP}CREATE TABLE "calls" ("id" serial PRIMARY KEY, "status" "status" DEFAULT 'pending' NOT NULL);`,
  batch: 0,
};
// What drizzle-kit 0.3x writes when a value is removed from pgEnum (seen in the corpus).
const RECREATE = [
  `ALTER TABLE "calls" ALTER COLUMN "status" SET DATA TYPE text;`,
  `ALTER TABLE "calls" ALTER COLUMN "status" SET DEFAULT 'pending'::text;`,
  `DROP TYPE "public"."status";`,
  `CREATE TYPE "public"."status" AS ENUM('pending', 'running');`,
  `ALTER TABLE "calls" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."status";`,
  `ALTER TABLE "calls" ALTER COLUMN "status" SET DATA TYPE "public"."status" USING "status"::"public"."status";`,
].join(`\n${BP}`);

testRule('recreating-enum', {
  accept: [
    { files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `ALTER TYPE "public"."status" ADD VALUE 'failed';`, batch: 1 }], description: 'adding a value' },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: `DROP TABLE "calls";\n${BP}DROP TYPE "public"."status";\n${BP}CREATE TYPE "public"."status" AS ENUM('a');`, batch: 1 }],
      description: 'no column converted: nothing is rewritten',
    },
    {
      files: [{ path: 'drizzle/0001_a.sql', text: `${HISTORY.text}\n${BP}${RECREATE}`, batch: 1 }],
      description: 'table created in the same batch',
    },
  ],
  reject: [
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: RECREATE, batch: 1 }],
      expect: {
        file: 'drizzle/0001_a.sql',
        message:
          messages.recreate({ enum: '"status"', removed: '\'resumed\'', columns: '"calls"."status" (line 1)', count: 1 }),
        line: 7,
        column: 1,
        endLine: 7,
        endColumn: 60,
      },
    },
    {
      files: [HISTORY, { path: 'drizzle/0001_a.sql', text: RECREATE.replace("ENUM('pending', 'running')", "ENUM('running', 'pending', 'resumed')"), batch: 1 }],
      config: { runner: 'none' },
      description: 'reordering only, and under runner none (statements in autocommit)',
      expect: { file: 'drizzle/0001_a.sql', message: messages.recreate({ enum: '"status"', removed: '', columns: '"calls"."status" (line 1)', count: 1 }), line: 7, column: 1, endLine: 7, endColumn: 71 },
    },
  ],
});
