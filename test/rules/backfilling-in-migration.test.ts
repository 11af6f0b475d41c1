import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/backfilling-in-migration.js';

const BP = '--> statement-breakpoint\n';
const HISTORY = { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "users" ("uid" bigint PRIMARY KEY, "email" text UNIQUE, "plan" text);', batch: 0 };
const one = (text: string, config?: { runner: 'none' | 'per-file' | 'drizzle' }) => ({ files: [HISTORY, { path: 'drizzle/0001_a.sql', text, batch: 1 }], ...(config ? { config } : {}) });

testRule('backfilling-in-migration', {
  accept: [
    one(`UPDATE "users" SET "plan" = 'free' WHERE "uid" = 1;`),
    one(`UPDATE "users" SET "plan" = 'free' WHERE "uid" IN (1, 2, 3);`),
    one(`UPDATE "users" SET "plan" = 'free' WHERE "uid" BETWEEN 1 AND 5000;`),
    one(`UPDATE "users" SET "plan" = 'free' WHERE "uid" >= 1 AND "uid" < 5000 AND "plan" IS NULL;`),
    one(`DELETE FROM "users" WHERE "email" = 'a@b.c';`),
    one(`DELETE FROM "users" WHERE "uid" IN (SELECT "uid" FROM "users" WHERE "plan" IS NULL LIMIT 1000);`),
    one(`INSERT INTO "users" ("uid", "email") VALUES (1, 'a@b.c');`),
    one(`UPDATE "users" SET "plan" = 'free';`, { runner: 'none' }),
    { sql: `CREATE TABLE "t" ("id" int, "a" int);\n${BP}UPDATE "t" SET "a" = 1;\n${BP}INSERT INTO "t" SELECT * FROM "t";`, description: 'new table' },
    { sql: 'UPDATE "unknown" SET "a" = 1 WHERE "id" = 7;', description: 'table unknown to the model: id counts as its key' },
  ],
  reject: [
    {
      ...one(`UPDATE "users" SET "plan" = 'free';`),
      expect: {
        file: 'drizzle/0001_a.sql',
        message: messages.wholeTable({ verb: 'UPDATE', table: '"users"', until: 'the whole batch of pending migrations commits' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 35,
      },
    },
    {
      ...one(`-- backfill\nUPDATE "users" SET "plan" = 'free' WHERE "plan" IS NULL;`, { runner: 'per-file' }),
      expect: { file: 'drizzle/0001_a.sql', message: messages.unboundedWhere({ verb: 'UPDATE', table: '"users"', until: 'the transaction commits' }), line: 2, column: 1, endLine: 2, endColumn: 56 },
    },
    {
      ...one(`DELETE FROM "users" WHERE "uid" > 100;`),
      description: 'one-sided range',
      expect: { file: 'drizzle/0001_a.sql', message: messages.unboundedWhere({ verb: 'DELETE', table: '"users"', until: 'the whole batch of pending migrations commits' }), line: 1, column: 1, endLine: 1, endColumn: 38 },
    },
    {
      ...one(`CREATE TABLE "archive" ("uid" bigint);\n${BP}INSERT INTO "archive" SELECT "uid" FROM "users" WHERE "plan" = 'gone';`),
      expect: { file: 'drizzle/0001_a.sql', message: messages.copyIntoNew({ sources: '"users"', target: '"archive"', until: 'the whole batch of pending migrations commits' }), line: 3, column: 1, endLine: 3, endColumn: 70 },
    },
    {
      ...one(`DO $$ BEGIN\n  UPDATE users SET plan = 'free';\nEND $$;`),
      description: 'inside a DO block',
      expect: { file: 'drizzle/0001_a.sql', message: messages.wholeTable({ verb: 'UPDATE', table: '"users"', until: 'the whole batch of pending migrations commits' }), line: 2, column: 3, endLine: 2, endColumn: 33 },
    },
  ],
});
