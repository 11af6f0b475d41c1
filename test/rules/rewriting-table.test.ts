import { testRule } from '../helpers/test-rule.js';

testRule('rewriting-table', {
  accept: [
    { sql: 'VACUUM "users";' },
    { sql: 'VACUUM (FULL false) "users";' },
    { sql: 'ALTER TABLE "users" SET (fillfactor = 70);' },
    { sql: 'CREATE TABLE "users" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "users" SET UNLOGGED;', description: 'table created earlier in the same file' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" integer);', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: 'CLUSTER "users" USING "users_pkey";', batch: 1 },
      ],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'VACUUM FULL "users";',
      expect: {
        message: 'VACUUM FULL of "users" rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: reads and writes wait until it finishes.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 20,
      },
    },
    { sql: 'VACUUM (FULL, ANALYZE);', expect: { message: /^VACUUM FULL of every table rewrites/, line: 1, column: 1, endLine: 1, endColumn: 23 } },
    { sql: 'CLUSTER "app"."users" USING "users_pkey";', expect: { message: /^CLUSTER of "app"\."users" rewrites the whole table in index order/, line: 1, column: 1, endLine: 1, endColumn: 41 } },
    { sql: 'ALTER TABLE "users" SET TABLESPACE "fast";', expect: { message: /^Moving "users" to tablespace "fast" copies the whole table under ACCESS EXCLUSIVE/, line: 1, column: 1, endLine: 1, endColumn: 42 } },
    {
      sql: 'ALTER TABLE "users" SET LOGGED, SET ACCESS METHOD "heap";',
      expect: [
        { message: /^SET ACCESS METHOD heap on "users" rewrites the whole table/, line: 1, column: 1, endLine: 1, endColumn: 57 },
        { message: /^SET LOGGED on "users" rewrites the whole table and rebuilds every index/, line: 1, column: 1, endLine: 1, endColumn: 57 },
      ],
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "users" ("id" integer);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'DO $$ BEGIN\n  ALTER TABLE "users" SET UNLOGGED;\nEND $$;', batch: 1 },
      ],
      description: 'earlier batch, inside a DO block',
      expect: { file: 'drizzle/0001_b.sql', message: /^SET UNLOGGED on "users"/, line: 2, column: 3, endLine: 2, endColumn: 35 },
    },
  ],
});
