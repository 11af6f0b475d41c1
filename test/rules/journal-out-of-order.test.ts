import { testFolderRule } from '../helpers/test-folder-rule.js';

testFolderRule('journal-out-of-order', {
  accept: [
    { fixture: 'journal-in-order' },
    { fixture: 'drizzle-0x' },
    { fixture: 'drizzle-1x', description: 'the 1.0 layout has no journal' },
    { fixture: 'journal-out-of-order', paths: ['drizzle/0000_a.sql', 'drizzle/0001_b.sql'], description: 'only the files given are reported on' },
  ],
  reject: [
    {
      fixture: 'journal-out-of-order',
      expect: [
        {
          file: 'drizzle/meta/_journal.json',
          line: 22,
          column: 15,
          message:
            'Journal entry "0002_c" has when 1700000100000 (2023-11-14T22:15:00Z), not later than the when of "0001_b", 1700000200000 (2023-11-14T22:16:40Z). ' +
            'drizzle-kit migrate only runs entries whose when is greater than the newest applied one, so on every database that already applied "0001_b" this migration is skipped silently.',
        },
        { file: 'drizzle/meta/_journal.json', line: 29, column: 15, message: /^Journal entry "0003_d" has when 1700000200000 .*, not later than the when of "0001_b"/ },
      ],
    },
    {
      fixture: 'journal-out-of-order',
      paths: ['drizzle/0003_d.sql'],
      description: 'a file list reports the entries of the files given',
      expect: [{ file: 'drizzle/meta/_journal.json', line: 29, column: 15, message: /"0003_d"/ }],
    },
  ],
});
