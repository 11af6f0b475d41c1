import { testRule } from '../helpers/test-rule.js';

const BP = '--> statement-breakpoint\n';
const ADD_FK = 'ALTER TABLE "orders" ADD CONSTRAINT "orders_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") NOT VALID;\n';
const VALIDATE_FK = 'ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_fk";';

testRule('validating-in-same-transaction', {
  accept: [
    { sql: VALIDATE_FK, description: 'validation alone' },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: ADD_FK, batch: 1 },
        { path: 'drizzle/0002_b.sql', text: VALIDATE_FK, batch: 2 },
      ],
      description: 'validated in a later batch (a later migrate run)',
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: ADD_FK, batch: 1 },
        { path: 'drizzle/0002_b.sql', text: VALIDATE_FK, batch: 1 },
      ],
      config: { runner: 'per-file' },
      description: 'per-file runner: separate transactions',
    },
    { sql: `${ADD_FK}${BP}${VALIDATE_FK}`, config: { runner: 'none' }, description: 'runner none: each statement commits' },
    { sql: `${ADD_FK}${BP}COMMIT;\n${BP}${VALIDATE_FK}\n${BP}BEGIN;`, description: 'a COMMIT between them' },
    {
      sql: `CREATE TABLE "orders" ("id" int, "user_id" int);\n${BP}${ADD_FK}${BP}${VALIDATE_FK}`,
      description: 'new table: nothing to protect',
    },
  ],
  reject: [
    {
      sql: `${ADD_FK}${BP}${VALIDATE_FK}`,
      expect: {
        message:
          'VALIDATE CONSTRAINT "orders_user_fk" on "orders" runs in the same transaction as its NOT VALID add (line 1): the add\'s SHARE ROW EXCLUSIVE on both tables (writes blocked) is held until commit, so the validation scan runs under it and the split buys nothing.',
        line: 3,
        column: 1,
      },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "users" ADD CONSTRAINT "users_age_check" CHECK ("age" >= 0) NOT VALID;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "users" VALIDATE CONSTRAINT "users_age_check";', batch: 1 },
      ],
      description: 'across files of one drizzle batch; a CHECK holds ACCESS EXCLUSIVE',
      expect: { file: 'drizzle/0002_b.sql', message: /NOT VALID add \(drizzle\/0001_a\.sql line 1\): the add's ACCESS EXCLUSIVE \(reads and writes blocked\)/, line: 1, column: 1 },
    },
    {
      sql: `BEGIN;\n${ADD_FK}${VALIDATE_FK}\nCOMMIT;`,
      config: { runner: 'none' },
      expect: { message: /^VALIDATE CONSTRAINT "orders_user_fk"/, line: 3, column: 1 },
    },
  ],
});
