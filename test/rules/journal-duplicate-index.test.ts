import { describe, expect, it } from 'vitest';
import { folderFindings, testFolderRule } from '../helpers/test-folder-rule.js';
import { journal, tempProject } from '../helpers/temp-project.js';
import { messages } from '../../src/rules/journal-duplicate-index.js';

testFolderRule('journal-duplicate-index', {
  accept: [{ fixture: 'journal-in-order' }, { fixture: 'drizzle-1x' }, { fixture: 'journal-duplicate-index', paths: ['drizzle/0000_a.sql', 'drizzle/0001_b.sql'] }],
  reject: [
    {
      fixture: 'journal-duplicate-index',
      description: 'idx 1 twice in the journal; 0002_e.sql beside the journalled 0002_d.sql (0001_b/0001_c are both journalled: only their idx counts)',
      expect: [
        {
          file: 'drizzle/0002_e.sql',
          line: 1,
          column: 1,
          message: messages.samePrefixOneJournalled({ file: '0002_e.sql', other: '0002_d.sql', prefix: '0002', kept: '0002_d' }),
        },
        {
          file: 'drizzle/meta/_journal.json',
          line: 20,
          column: 14,
          message: messages.sameIdx({ first: '0001_b', second: '0001_c', idx: 1 }),
        },
      ],
    },
    {
      fixture: 'folders-duplicate',
      description: 'drizzle-kit 1.0 folders with the same timestamp',
      expect: [{ file: 'drizzle/20250101120000_b/migration.sql', line: 1, column: 1, message: messages.samePrefix({ file: '20250101120000_b/migration.sql', other: '20250101120000_a/migration.sql', prefix: '20250101120000' }) }],
    },
  ],
});

describe('journal-duplicate-index: two journalled migrations with one number', () => {
  it('is a warning on the later one even when their idx differ (both kept after a merge)', async () => {
    const dir = tempProject({
      'drizzle/0000_a.sql': 'CREATE TABLE "a" ("id" integer);',
      'drizzle/0001_b.sql': 'CREATE TABLE "b" ("id" integer);',
      'drizzle/0001_c.sql': 'CREATE TABLE "c" ("id" integer);',
      'drizzle/meta/_journal.json': journal(['0000_a', '0001_b', '0001_c']),
    });
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map((f) => ({ file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, severity: f.severity, message: f.message }))).toEqual([
      {
        file: 'drizzle/0001_c.sql', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning',
        message: messages.bothJournalled({ file: '0001_c.sql', other: '0001_b.sql', prefix: '0001' }),
      },
    ]);
  });
});
