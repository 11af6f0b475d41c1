import { testFolderRule } from '../helpers/test-folder-rule.js';
import { messages } from '../../src/rules/journal-out-of-order.js';

const WHEN_B = '1700000200000 (2023-11-14T22:16:40Z)';
const WHEN_C = '1700000100000 (2023-11-14T22:15:00Z)';

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
          endLine: 22,
          endColumn: 28,
          message: messages.notLater({ tag: '0002_c', when: WHEN_C, newestTag: '0001_b', newestWhen: WHEN_B }),
        },
        { file: 'drizzle/meta/_journal.json', line: 29, column: 15, endLine: 29, endColumn: 28, message: messages.notLater({ tag: '0003_d', when: WHEN_B, newestTag: '0001_b', newestWhen: WHEN_B }) },
      ],
    },
    {
      fixture: 'journal-out-of-order',
      paths: ['drizzle/0003_d.sql'],
      description: 'a file list reports the entries of the files given',
      expect: [{ file: 'drizzle/meta/_journal.json', line: 29, column: 15, endLine: 29, endColumn: 28, message: messages.notLater({ tag: '0003_d', when: WHEN_B, newestTag: '0001_b', newestWhen: WHEN_B }) }],
    },
  ],
});
