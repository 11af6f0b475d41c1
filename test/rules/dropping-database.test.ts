import { testRule } from '../helpers/test-rule.js';

testRule('dropping-database', {
  accept: [{ sql: 'DROP SCHEMA "x";' }, { sql: 'DROP TABLE "database";' }],
  reject: [
    {
      sql: 'DROP DATABASE "staging";',
      expect: {
        message:
          'Dropping database "staging" deletes every schema, table and row in it, and every app connected to it fails. Inside the migration transaction it fails anyway (25001: DROP DATABASE cannot run inside a transaction block), rolling back the whole batch.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 24,
      },
    },
    {
      sql: 'SELECT 1;\nDROP DATABASE IF EXISTS old_db;',
      config: { runner: 'none' },
      description: 'runner none: no transaction, so it would run',
      expect: { message: 'Dropping database "old_db" deletes every schema, table and row in it, and every app connected to it fails.', line: 2, column: 1, endLine: 2, endColumn: 31 },
    },
  ],
});
