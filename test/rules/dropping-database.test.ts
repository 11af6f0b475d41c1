import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-database.js';

testRule('dropping-database', {
  accept: [{ sql: 'DROP SCHEMA "x";' }, { sql: 'DROP TABLE "database";' }],
  reject: [
    {
      sql: 'DROP DATABASE "staging";',
      expect: {
        message: messages.dropDatabase({ database: '"staging"', inTransaction: true }),
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
      expect: { message: messages.dropDatabase({ database: '"old_db"', inTransaction: false }), line: 2, column: 1, endLine: 2, endColumn: 31 },
    },
  ],
});
