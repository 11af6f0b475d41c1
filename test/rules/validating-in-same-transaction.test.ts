import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/validating-in-same-transaction.js';

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
    { sql: 'ALTER TABLE "orders" VALIDATE CONSTRAINT "a", VALIDATE CONSTRAINT "b";', description: 'two VALIDATEs together: still SHARE UPDATE EXCLUSIVE' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE DOMAIN "d" AS integer;\n--> statement-breakpoint\nALTER DOMAIN "d" ADD CONSTRAINT "d_pos" CHECK (VALUE > 0) NOT VALID;', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER DOMAIN "d" VALIDATE CONSTRAINT "d_pos";', batch: 1 },
      ],
      description: 'a domain no table uses',
    },
  ],
  reject: [
    {
      sql: `${ADD_FK}${BP}${VALIDATE_FK}`,
      expect: {
        message: messages.sameTransaction({ constraint: '"orders_user_fk"', table: '"orders"', where: 'line 1', held: messages.heldForeign() }),
        line: 3, column: 1, endLine: 3, endColumn: 58,
      },
    },
    {
      files: [
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "users" ADD CONSTRAINT "users_age_check" CHECK ("age" >= 0) NOT VALID;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "users" VALIDATE CONSTRAINT "users_age_check";', batch: 1 },
      ],
      description: 'across files of one drizzle batch; a CHECK holds ACCESS EXCLUSIVE',
      expect: {
        file: 'drizzle/0002_b.sql',
        message: messages.sameTransaction({ constraint: '"users_age_check"', table: '"users"', where: 'drizzle/0001_a.sql line 1', held: messages.heldCheck() }),
        line: 1, column: 1, endLine: 1, endColumn: 58,
      },
    },
    {
      sql: `BEGIN;\n${ADD_FK}${VALIDATE_FK}\nCOMMIT;`,
      config: { runner: 'none' },
      expect: {
        message: messages.sameTransaction({ constraint: '"orders_user_fk"', table: '"orders"', where: 'line 2', held: messages.heldForeign() }),
        line: 3, column: 1, endLine: 3, endColumn: 58,
      },
    },
    {
      sql: 'ALTER TABLE "orders" ADD COLUMN "note" text, VALIDATE CONSTRAINT "orders_user_fk";',
      description: 'combined with another subcommand: the scan runs under ACCESS EXCLUSIVE (measured)',
      expect: {
        message: messages.combined({ constraint: '"orders_user_fk"', table: '"orders"', mode: 'ACCESS EXCLUSIVE', effect: 'blocks every read and write' }),
        line: 1, column: 1, endLine: 1, endColumn: 82,
      },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE DOMAIN "d" AS integer;\n--> statement-breakpoint\nCREATE TABLE "t" ("x" "d");\n--> statement-breakpoint\nALTER DOMAIN "d" ADD CONSTRAINT "d_pos" CHECK (VALUE > 0) NOT VALID;', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'ALTER DOMAIN "d" VALIDATE CONSTRAINT "d_pos";', batch: 1 },
      ],
      description: 'VALIDATE on a domain takes SHARE on every table using it and scans them (measured)',
      expect: { file: 'drizzle/0001_b.sql', message: messages.domain({ constraint: '"d_pos"', domain: '"d"', tables: '"t"' }), line: 1, column: 1, endLine: 1, endColumn: 45 },
    },
  ],
});
