import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/unused-suppression.js';

testRule('unused-suppression', {
  accept: [
    { sql: '-- migration-lint-disable-next-statement dropping-table -- archived in 2024\nDROP TABLE "old";' },
    { sql: '-- migration-lint-disable-file dropping-table, dropping-column -- module removed\nDROP TABLE "a";\nALTER TABLE "b" DROP COLUMN "c";' },
    {
      sql: '-- migration-lint-disable-next-statement dropping-table\nDROP TABLE "old";',
      config: { requireSuppressionReason: false },
      description: 'no reason needed with requireSuppressionReason: false',
    },
    {
      sql: '-- migration-lint-disable-next-statement dropping-table -- off anyway\nSELECT 1;',
      config: { rules: { 'dropping-table': 'off' } },
      description: 'a suppression for a rule that is turned off is not reported as unused',
    },
    { sql: "SELECT '-- migration-lint-disable-next-statement no-such-rule';", description: 'text inside a string literal is not a directive' },
    {
      sql: '-- migration-lint-disable-next-statement migration-fails -- the table is empty in every environment\nALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;',
      description: 'a suppression for migration-fails: only verify can tell whether it matches',
    },
  ],
  reject: [
    {
      sql: '-- migration-lint-disable-next-statement dropping-table -- old\nSELECT 1;',
      expect: { message: messages.unused({ directive: 'migration-lint-disable-next-statement', ruleId: 'dropping-table' }), line: 1, column: 1, endLine: 1, endColumn: 63 },
    },
    {
      sql: 'SELECT 1;\n  -- migration-lint-disable-file droping-table -- typo in the id',
      expect: { message: messages.unknownRule({ directive: 'migration-lint-disable-file', ruleId: 'droping-table' }), line: 2, column: 3, endLine: 2, endColumn: 65 },
    },
    {
      sql: '-- migration-lint-disable-next-statement dropping-table\r\nDROP TABLE "old";',
      description: 'a suppression without a reason still suppresses, and is reported',
      expect: { message: messages.noReason({ directive: 'migration-lint-disable-next-statement' }), line: 1, column: 1, endLine: 1, endColumn: 56 },
    },
    {
      sql: '-- migration-lint-disable-next-statement -- forgot the id\nDROP TABLE "old";',
      expect: { message: messages.noRule({ directive: 'migration-lint-disable-next-statement' }), line: 1, column: 1, endLine: 1, endColumn: 58 },
    },
    {
      sql: '-- migration-lint-disable-next-statement dropping-table, dropping-column -- one of two used\nDROP TABLE "old";',
      expect: { message: messages.unused({ directive: 'migration-lint-disable-next-statement', ruleId: 'dropping-column' }), line: 1, column: 1, endLine: 1, endColumn: 92 },
    },
    {
      sql: '-- migration-lint-disable-next-statement dropping-table -- only the next statement\nSELECT 1;\nDROP TABLE "old";',
      description: 'the statement after the next one is not covered',
      expect: { message: messages.unused({ directive: 'migration-lint-disable-next-statement', ruleId: 'dropping-table' }), line: 1, column: 1, endLine: 1, endColumn: 83 },
    },
  ],
});

describe('unused-suppression: a mistyped rule id', () => {
  it('the hint names the rule it most likely meant', async () => {
    const [typo] = await findingsOf('unused-suppression', { sql: 'SELECT 1;\n-- migration-lint-disable-file droping-table -- typo' });
    expect(typo.hint).toBe('Did you mean "dropping-table"?');
    const [unknown] = await findingsOf('unused-suppression', { sql: 'SELECT 1;\n-- migration-lint-disable-file zzz -- no such rule' });
    expect(unknown.hint).toBe('Run `drizzle-migration-lint rules` for the list of rule ids.');
  });
});
