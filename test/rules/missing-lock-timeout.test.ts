import { testRule } from '../helpers/test-rule.js';

const BP = '--> statement-breakpoint\n';
const ADD = 'ALTER TABLE "users" ADD COLUMN "age" integer;';

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
      expect: {
        message:
          'No lock_timeout is set before this statement takes ACCESS EXCLUSIVE on "users" (it blocks every read and write). If any open transaction touches the table, the migration waits in the lock queue, and while it waits a queued ACCESS EXCLUSIVE makes even plain SELECTs on the table wait behind it: an outage with no error.',
        line: 1,
        column: 1,
      },
    },
    {
      sql: `CREATE INDEX "users_age_idx" ON "users" ("age");\n${BP}ALTER TABLE "orders" ADD COLUMN "b" text;`,
      description: 'names the strongest lock of the transaction',
      expect: { message: /^No lock_timeout is set before this statement takes SHARE on "users" \(it blocks every write\)\. The strongest lock this transaction takes here is ACCESS EXCLUSIVE on "orders" \(line 3\)\./, line: 1, column: 1 },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: "SET LOCAL lock_timeout = '5s';", batch: 1 },
        { path: 'drizzle/0002_b.sql', text: `-- c\n${ADD}`, batch: 1 },
      ],
      config: { runner: 'per-file' },
      description: 'SET LOCAL ends with its transaction (the first file)',
      expect: { file: 'drizzle/0002_b.sql', message: /^No lock_timeout is set before this statement takes ACCESS EXCLUSIVE on "users"/, line: 2, column: 1 },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: ADD, batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1 },
      ],
      description: 'drizzle: one batch is one transaction, so only the first file reports',
      expect: { file: 'drizzle/0001_a.sql', message: /"users"/, line: 1, column: 1 },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE INDEX "users_age_idx" ON "users" ("age");', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'SELECT 1;\n--> statement-breakpoint\nALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1 },
        { path: 'drizzle/0003_c.sql', text: ADD, batch: 2 },
      ],
      description: "drizzle: the finding in a batch's first file names the strongest lock of the whole batch's transaction, wherever it is",
      expect: [
        {
          file: 'drizzle/0001_a.sql',
          message:
            'No lock_timeout is set before this statement takes SHARE on "users" (it blocks every write). The strongest lock this transaction takes is ACCESS EXCLUSIVE on "orders" (drizzle/0002_b.sql, line 3). If any open transaction touches the table, the migration waits in the lock queue, and while it waits a queued ACCESS EXCLUSIVE makes even plain SELECTs on the table wait behind it: an outage with no error.',
          line: 1,
          column: 1,
        },
        { file: 'drizzle/0003_c.sql', message: /^No lock_timeout is set before this statement takes ACCESS EXCLUSIVE on "users" \(it blocks every read and write\)\. If any/, line: 1, column: 1 },
      ],
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE INDEX "users_age_idx" ON "users" ("age");', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1, report: false },
      ],
      description: 'the batch goes on in a file that is not linted (a pending migration not named, e.g. not staged): reported when the batch ends',
      expect: { file: 'drizzle/0001_a.sql', message: /^No lock_timeout is set before this statement takes SHARE on "users" \(it blocks every write\)\. If any/, line: 1, column: 1 },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'CREATE INDEX "users_age_idx" ON "users" ("age");', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "orders" ADD COLUMN "x" int;', batch: 1 },
      ],
      config: { runner: 'per-file' },
      description: 'per-file: each file is its own transaction, so each reports its own locks',
      expect: [
        { file: 'drizzle/0001_a.sql', message: /takes SHARE on "users" \(it blocks every write\)\. If any/, line: 1, column: 1 },
        { file: 'drizzle/0002_b.sql', message: /takes ACCESS EXCLUSIVE on "orders"/, line: 1, column: 1 },
      ],
    },
    {
      sql: `SET lock_timeout = 0;\n${BP}ALTER TABLE "a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b_id") REFERENCES "b"("id") NOT VALID;`,
      description: 'lock_timeout = 0 switches the timeout off; FKs lock both tables',
      expect: { message: /takes SHARE ROW EXCLUSIVE on "a" \(it blocks every write\)\./, line: 3, column: 1 },
    },
    {
      sql: `${ADD}\n${BP}COMMIT;\n${BP}BEGIN;\n${BP}DROP INDEX "x_idx";`,
      description: 'a new transaction after COMMIT gets its own finding',
      expect: [
        { message: /"users"/, line: 1, column: 1 },
        { message: /takes ACCESS EXCLUSIVE on "x_idx"/, line: 7, column: 1 },
      ],
    },
    {
      sql: 'DO $$ BEGIN\n ALTER TABLE "a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b_id") REFERENCES "b"("id");\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;',
      description: "drizzle-kit 0.x's DO wrapper",
      expect: { message: /takes SHARE ROW EXCLUSIVE on "a"/, line: 2, column: 2 },
    },
  ],
});
