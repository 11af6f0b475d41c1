import { testFolderRule } from '../helpers/test-folder-rule.js';
import { messages } from '../../src/rules/journal-file-mismatch.js';

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
          message: messages.notJournalled({ file: '0003_stray.sql' }),
          endLine: 1,
          endColumn: 1,
        },
        {
          file: 'drizzle/meta/_journal.json',
          line: 23,
          column: 14,
          message: messages.missingFile({ tag: '0002_lost' }),
          endLine: 23,
          endColumn: 25,
        },
      ],
    },
    {
      fixture: 'journal-file-mismatch',
      paths: ['drizzle/0000_a.sql'],
      description: 'a file list: the stray file is not given, but the broken journal stops every migrate of the folder',
      expect: [{ file: 'drizzle/meta/_journal.json', line: 23, column: 14, endLine: 23, endColumn: 25, message: messages.missingFile({ tag: '0002_lost' }) }],
    },
    {
      fixture: 'folders-layout',
      description: 'drizzle-kit 1.0 layout: empty folder, folder name without timestamp, flat .sql file, leftover journal',
      expect: [
        { file: 'drizzle/0005_stray.sql', line: 1, column: 1, endLine: 1, endColumn: 1, message: messages.flatSql({ file: '0005_stray.sql' }) },
        { file: 'drizzle/20250102120000_empty', line: 1, column: 1, endLine: 1, endColumn: 1, message: messages.folderWithoutSql({ folder: '20250102120000_empty' }) },
        { file: 'drizzle/add_users', line: 1, column: 1, endLine: 1, endColumn: 1, message: messages.badFolderName({ folder: 'add_users' }) },
        { file: 'drizzle/meta/_journal.json', line: 1, column: 1, endLine: 1, endColumn: 1, message: messages.leftoverJournal() },
      ],
    },
  ],
});
