import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/missing-lock-timeout.js';

const BP = '--> statement-breakpoint\n';
const ADD = 'ALTER TABLE "users" ADD COLUMN "age" integer;';
/** A pending batch is known: findings are per transaction, not folded per folder. */
const BATCH = { baseline: '0000_init' };
const AE_USERS = { mode: 'ACCESS EXCLUSIVE', relation: '"users"', effect: 'blocks every read and write', queued: 'ACCESS EXCLUSIVE', queue: 'even plain SELECTs', strongest: '' } as const;

testRule('missing-lock-timeout', {
  accept: [
    { sql: `SET lock_timeout = '5s';\n${BP}${ADD}` },
    { sql: `SET LOCAL lock_timeout = '5s';\n${BP}${ADD}` },
    { sql: `SELECT set_config('lock_timeout', '3s', true);\n${BP}${ADD}` },
    { sql: ADD, config: { lockTimeoutSetByRunner: true } },
    { sql: `-- migration-lint-disable-next-statement missing-lock-timeout -- set in DATABASE_URL options\n${ADD}`, description: 'suppressed: the finding is held until the end of the file and still matched' },
    { sql: 'CREATE TABLE "t" ("id" int);\n--> statement-breakpoint\nALTER TABLE "t" ADD COLUMN "a" int;\n--> statement-breakpoint\nCREATE INDEX "t_a" ON "t" ("a");', description: 'new table' },
    { sql: 'ALTER TABLE "users" VALIDATE CONSTRAINT "c";\n--> statement-breakpoint\nCOMMENT ON TABLE "users" IS \'x\';', description: 'SHARE UPDATE EXCLUSIVE blocks neither reads nor writes' },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: "SET lock_timeout = '5s';", batch: 1 },
        { path: 'drizzle/0002_b.sql', text: ADD, batch: 1 },
      ],
      config: { runner: 'per-file' },
      description: 'a session SET lasts for the whole migrate run, across transactions',
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: `-- migration-lint-disable-next-statement missing-lock-timeout -- the deploy sets it\nCREATE INDEX "users_age_idx" ON "users" ("age");`, batch: 1 },
        { path: 'drizzle/0002_b.sql', text: ADD, batch: 1 },
      ],
      description: 'a suppression in the first file of a batch still matches the finding made when the batch ends (and is not unused)',
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "u" ("e" text);\n--> statement-breakpoint\nCREATE INDEX "u_e" ON "u" ("e");', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: "SET lock_timeout = '5s';\n--> statement-breakpoint\nALTER TABLE \"u\" DROP COLUMN \"e\";", batch: 1 },
        { path: 'drizzle/0002_c.sql', text: 'DROP INDEX IF EXISTS "u_e";', batch: 2 },
      ],
      description: 'DROP INDEX IF EXISTS of an index that went with its column: locks nothing',
    },
  ],
  reject: [
    {
      sql: `${ADD}\n${BP}CREATE INDEX "users_age_idx" ON "users" ("age");\n${BP}ALTER TABLE "users" ADD COLUMN "b" text;`,
      description: 'once per transaction, at the first statement',
      expect: { message: messages.noLockTimeout(AE_USERS), line: 1, column: 1, endLine: 1, endColumn: 45 },
    },
    {
      sql: `CREATE INDEX "users_age_idx" ON "users" ("age");\n${BP}ALTER TABLE "orders" ADD COLUMN "b" text;`,
      description: 'names the strongest lock of the transaction',
      expect: {
        message: messages.noLockTimeout({
          mode: 'SHARE', relation: '"users"', effect: 'blocks every write', queued: 'ACCESS EXCLUSIVE', queue: 'even plain SELECTs',
          strongest: messages.strongestHere({ mode: 'ACCESS EXCLUSIVE', relation: '"orders"', line: 3 }),
        }),
        line: 1, column: 1, endLine: 1, endColumn: 48,
      },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: "SET LOCAL lock_timeout = '5s';", batch: 1 },
        { path: 'drizzle/0002_b.sql', text: `-- c\n${ADD}`, batch: 1 },
      ],
      config: { runner: 'per-file', ...BATCH },
      description: 'SET LOCAL ends with its transaction (the first file)',
      expect: { file: 'drizzle/0002_b.sql', message: messages.noLockTimeout(AE_USERS), line: 2, column: 1, endLine: 2, endColumn: 45 },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: ADD, batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1 },
      ],
      config: BATCH,
      description: 'drizzle: one batch is one transaction, so only the first file reports',
      expect: { file: 'drizzle/0001_a.sql', message: messages.noLockTimeout(AE_USERS), line: 1, column: 1, endLine: 1, endColumn: 45 },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE INDEX "users_age_idx" ON "users" ("age");', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'SELECT 1;\n--> statement-breakpoint\nALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1 },
        { path: 'drizzle/0003_c.sql', text: ADD, batch: 2 },
      ],
      config: BATCH,
      description: "drizzle: the finding in a batch's first file names the strongest lock of the whole batch's transaction, wherever it is",
      expect: [
        {
          file: 'drizzle/0001_a.sql',
          message: messages.noLockTimeout({
            mode: 'SHARE', relation: '"users"', effect: 'blocks every write', queued: 'ACCESS EXCLUSIVE', queue: 'even plain SELECTs',
            strongest: messages.strongestElsewhere({ mode: 'ACCESS EXCLUSIVE', relation: '"orders"', file: 'drizzle/0002_b.sql', line: 3 }),
          }),
          line: 1, column: 1, endLine: 1, endColumn: 48,
        },
        { file: 'drizzle/0003_c.sql', message: messages.noLockTimeout(AE_USERS), line: 1, column: 1, endLine: 1, endColumn: 45 },
      ],
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE INDEX "users_age_idx" ON "users" ("age");', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1, report: false },
      ],
      config: BATCH,
      description: 'the batch goes on in a file that is not linted (a pending migration not named, e.g. not staged): reported when the batch ends',
      expect: {
        file: 'drizzle/0001_a.sql',
        message: messages.noLockTimeout({ mode: 'SHARE', relation: '"users"', effect: 'blocks every write', queued: 'SHARE', queue: 'every write', strongest: '' }),
        line: 1, column: 1, endLine: 1, endColumn: 48,
      },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE INDEX "users_age_idx" ON "users" ("age");', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1 },
      ],
      config: { runner: 'per-file', ...BATCH },
      description: 'per-file: each file is its own transaction, so each reports its own locks',
      expect: [
        {
          file: 'drizzle/0001_a.sql',
          message: messages.noLockTimeout({ mode: 'SHARE', relation: '"users"', effect: 'blocks every write', queued: 'SHARE', queue: 'every write', strongest: '' }),
          line: 1, column: 1, endLine: 1, endColumn: 48,
        },
        { file: 'drizzle/0002_b.sql', message: messages.noLockTimeout({ ...AE_USERS, relation: '"orders"' }), line: 1, column: 1, endLine: 1, endColumn: 40 },
      ],
    },
    {
      sql: `SET lock_timeout = 0;\n${BP}ALTER TABLE "a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b_id") REFERENCES "b"("id") NOT VALID;`,
      description: 'lock_timeout = 0 switches the timeout off; FKs lock both tables',
      expect: {
        message: messages.noLockTimeout({ mode: 'SHARE ROW EXCLUSIVE', relation: '"a"', effect: 'blocks every write', queued: 'SHARE ROW EXCLUSIVE', queue: 'every write', strongest: '' }),
        line: 3, column: 1, endLine: 3, endColumn: 92,
      },
    },
    {
      sql: `${ADD}\n${BP}COMMIT;\n${BP}BEGIN;\n${BP}DROP INDEX "x_idx";`,
      config: BATCH,
      description: 'a new transaction after COMMIT gets its own finding',
      expect: [
        { message: messages.noLockTimeout(AE_USERS), line: 1, column: 1, endLine: 1, endColumn: 45 },
        { message: messages.noLockTimeout({ ...AE_USERS, relation: '"x_idx"' }), line: 7, column: 1, endLine: 7, endColumn: 19 },
      ],
    },
    {
      sql: 'DO $$ BEGIN\n ALTER TABLE "a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b_id") REFERENCES "b"("id");\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;',
      description: "drizzle-kit 0.x's DO wrapper",
      expect: {
        message: messages.noLockTimeout({ mode: 'SHARE ROW EXCLUSIVE', relation: '"a"', effect: 'blocks every write', queued: 'SHARE ROW EXCLUSIVE', queue: 'every write', strongest: '' }),
        line: 2, column: 2, endLine: 2, endColumn: 83,
      },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" int);' },
        { path: 'drizzle/0001_b.sql', text: ADD },
        { path: 'drizzle/0002_c.sql', text: "SET lock_timeout = '5s';\n--> statement-breakpoint\nCREATE INDEX \"users_id_idx\" ON \"users\" (\"id\");" },
        { path: 'drizzle/0003_d.sql', text: `-- migration-lint-disable-next-statement missing-lock-timeout -- set by the deploy\n${ADD}` },
        { path: 'drizzle/0004_e.sql', text: 'CREATE INDEX "users_id_idx" ON "users" ("id");\n--> statement-breakpoint\nCOMMIT;\n--> statement-breakpoint\nBEGIN;\n--> statement-breakpoint\nDROP INDEX "users_id_idx";' },
        { path: 'drizzle/0005_f.sql', text: 'ALTER TABLE "users" DROP COLUMN "age";' },
      ],
      description: 'no pending batch known: one finding for the folder, at the first statement that needs it, counting the files (suppressed ones not counted)',
      expect: {
        file: 'drizzle/0001_b.sql',
        message: `${messages.noLockTimeout(AE_USERS)} ${messages.folded({ files: 3 })}`,
        line: 1, column: 1, endLine: 1, endColumn: 45,
      },
    },
  ],
});

describe('missing-lock-timeout hint', () => {
  it('leads with the connection setting a drizzle user adds most easily, then the SET statement', async () => {
    const [f] = await findingsOf('missing-lock-timeout', { sql: ADD });
    expect(f.hint).toBe(
      "Set lock_timeout on the connection that runs the migrations: add ?options=-c%20lock_timeout%3D5s to the database URL drizzle-kit migrate uses (or your runner's own setting) and set lockTimeoutSetByRunner: true; or start the migration with SET lock_timeout = '5s';. Retry the deploy if it times out. `drizzle-migration-lint fix` writes it for you: SET lock_timeout = '5s' at the start of the batch (a plain SET lasts for the whole migrate run).",
    );
  });
});
