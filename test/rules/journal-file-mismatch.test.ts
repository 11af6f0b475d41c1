import { testFolderRule } from '../helpers/test-folder-rule.js';

testFolderRule('journal-file-mismatch', {
  accept: [
    { fixture: 'journal-in-order' },
    { fixture: 'drizzle-0x' },
    { fixture: 'drizzle-1x' },
    { fixture: 'plain', paths: ['sql'], description: 'a plain folder without a journal' },
  ],
  reject: [
    {
      fixture: 'journal-file-mismatch',
      expect: [
        {
          file: 'drizzle/0003_stray.sql',
          line: 1,
          column: 1,
          message: '0003_stray.sql has no entry in meta/_journal.json: drizzle-kit migrate only runs journal entries, so this SQL never reaches any database, and nothing warns.',
        },
        {
          file: 'drizzle/meta/_journal.json',
          line: 23,
          column: 14,
          message: 'Journal entry "0002_lost" has no 0002_lost.sql in this folder: drizzle-kit migrate stops with "No file … found" before it applies anything.',
        },
      ],
    },
    {
      fixture: 'journal-file-mismatch',
      paths: ['drizzle/0000_a.sql'],
      description: 'a file list: the stray file is not given, but the broken journal stops every migrate of the folder',
      expect: [{ file: 'drizzle/meta/_journal.json', line: 23, column: 14, message: /^Journal entry "0002_lost" has no 0002_lost\.sql/ }],
    },
    {
      fixture: 'folders-layout',
      description: 'drizzle-kit 1.0 layout: empty folder, folder name without timestamp, flat .sql file, leftover journal',
      expect: [
        { file: 'drizzle/0005_stray.sql', line: 1, column: 1, message: /^0005_stray\.sql sits directly in a drizzle-kit 1\.0 migrations folder/ },
        { file: 'drizzle/20250102120000_empty', line: 1, column: 1, message: /^Migration folder "20250102120000_empty" has no migration\.sql/ },
        { file: 'drizzle/add_users', line: 1, column: 1, message: /^Migration folder "add_users" does not start with a 14-digit timestamp/ },
        { file: 'drizzle/meta/_journal.json', line: 1, column: 1, message: /^meta\/_journal\.json next to drizzle-kit 1\.0 migration folders/ },
      ],
    },
  ],
});
