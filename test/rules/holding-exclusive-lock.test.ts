import { sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/holding-exclusive-lock.js';

const BP = '--> statement-breakpoint\n';

testRule('holding-exclusive-lock', {
  accept: [
    { sql: 'ALTER TABLE "users" ADD COLUMN "age" integer;' },
    { sql: `CREATE INDEX "a" ON "users" ("a");\n${BP}CREATE INDEX "b" ON "users" ("b");`, description: 'SHARE is not ACCESS EXCLUSIVE' },
    { sql: `ALTER TABLE "users" ADD COLUMN "age" integer;\n${BP}CREATE TABLE "t" ("id" int);`, description: 'creating a new table waits for no one' },
    { sql: `ALTER TABLE "users" ADD COLUMN "age" integer;\n${BP}ALTER TABLE "orders" ADD COLUMN "x" int;`, config: { runner: 'none' }, description: 'autocommit' },
    { sql: `CREATE TABLE "t" ("id" int);\n${BP}ALTER TABLE "t" ADD COLUMN "a" int;\n${BP}UPDATE "t" SET "a" = 1;`, description: 'new table' },
    {
      sql: `ALTER TABLE "users" ADD COLUMN "age" integer;\n${BP}ALTER TABLE "users" ALTER COLUMN "age" SET DEFAULT 0;`,
      description: 'more DDL on the table it already holds waits for no one else',
    },
  ],
  reject: [
    {
      sql: `ALTER TABLE "users" ADD COLUMN "age" integer;\n${BP}ALTER TABLE "orders" ADD COLUMN "x" int;\n${BP}UPDATE "users" SET "age" = 1;`,
      description: 'once per transaction',
      expect: {
        message: messages.heldDuring({ relation: '"users"', where: 'line 1', until: 'the whole batch of pending migrations commits' }),
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 40,
      },
    },
    {
      files: sameBatch('ALTER TABLE "users" ADD COLUMN "age" integer;', 'CREATE INDEX "o_idx" ON "orders" ("x");'),
      description: 'across files of a drizzle batch',
      expect: { file: 'drizzle/0001_b.sql', message: messages.heldDuring({ relation: '"users"', where: 'drizzle/0000_a.sql line 1', until: 'the whole batch of pending migrations commits' }), line: 1, column: 1, endLine: 1, endColumn: 39 },
    },
    {
      sql: 'BEGIN;\nALTER TABLE "users" ADD COLUMN "age" integer;\nUPDATE "orders" SET "x" = 1;\nCOMMIT;',
      config: { runner: 'none' },
      expect: { message: messages.heldDuring({ relation: '"users"', where: 'line 2', until: 'the transaction commits' }), line: 3, column: 1, endLine: 3, endColumn: 28 },
    },
  ],
});
