import { testFolderRule } from '../helpers/test-folder-rule.js';

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
          message: '0002_e.sql and 0002_d.sql share the prefix 0002: two branches generated a migration at the same point, and only 0002_d is in the journal.',
        },
        {
          file: 'drizzle/meta/_journal.json',
          line: 20,
          column: 14,
          message:
            'Journal entries "0001_b" and "0001_c" both have idx 1: two branches each generated migration 1, and the snapshots they were diffed against do not include each other\'s changes.',
        },
      ],
    },
    {
      fixture: 'folders-duplicate',
      description: 'drizzle-kit 1.0 folders with the same timestamp',
      expect: [{ file: 'drizzle/20250101120000_b/migration.sql', line: 1, column: 1, message: /^20250101120000_b\/migration\.sql and 20250101120000_a\/migration\.sql share the prefix 20250101120000/ }],
    },
  ],
});
