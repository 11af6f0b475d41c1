import { afterHistory, sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/rewriting-table.js';

testRule('rewriting-table', {
  accept: [
    { sql: 'VACUUM "users";' },
    { sql: 'VACUUM (FULL false) "users";' },
    { sql: 'ALTER TABLE "users" SET (fillfactor = 70);' },
    { sql: 'CREATE TABLE "users" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "users" SET UNLOGGED;', description: 'table created earlier in the same file' },
    {
      files: sameBatch('CREATE TABLE "users" ("id" integer);', 'CLUSTER "users" USING "users_pkey";'),
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'VACUUM FULL "users";',
      expect: {
        message: messages.vacuumFull({ tables: '"users"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 20,
      },
    },
    { sql: 'VACUUM (FULL, ANALYZE);', expect: { message: messages.vacuumFull({ tables: 'every table' }), line: 1, column: 1, endLine: 1, endColumn: 23 } },
    { sql: 'CLUSTER "app"."users" USING "users_pkey";', expect: { message: messages.cluster({ table: '"app"."users"' }), line: 1, column: 1, endLine: 1, endColumn: 41 } },
    { sql: 'ALTER TABLE "users" SET TABLESPACE "fast";', expect: { message: messages.setTablespace({ table: '"users"', tablespace: 'fast' }), line: 1, column: 1, endLine: 1, endColumn: 42 } },
    {
      sql: 'ALTER TABLE "users" SET LOGGED, SET ACCESS METHOD "heap";',
      expect: [
        { message: messages.setAccessMethod({ method: 'heap', table: '"users"' }), line: 1, column: 1, endLine: 1, endColumn: 57 },
        { message: messages.setPersistence({ persistence: 'LOGGED', table: '"users"' }), line: 1, column: 1, endLine: 1, endColumn: 57 },
      ],
    },
    {
      files: afterHistory('CREATE TABLE "users" ("id" integer);', 'DO $$ BEGIN\n  ALTER TABLE "users" SET UNLOGGED;\nEND $$;'),
      description: 'earlier batch, inside a DO block',
      expect: { file: 'drizzle/0001_b.sql', message: messages.setPersistence({ persistence: 'UNLOGGED', table: '"users"' }), line: 2, column: 3, endLine: 2, endColumn: 35 },
    },
  ],
});
