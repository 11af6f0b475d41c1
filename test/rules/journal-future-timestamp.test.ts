import { testFolderRule } from '../helpers/test-folder-rule.js';

testFolderRule('journal-future-timestamp', {
  accept: [{ fixture: 'journal-in-order' }, { fixture: 'journal-out-of-order' }],
  reject: [
    {
      fixture: 'journal-future-timestamp',
      expect: [
        {
          file: 'drizzle/meta/_journal.json',
          line: 15,
          column: 15,
          message:
            'Journal entry "0001_b" has when 4102444800000 (2100-01-01T00:00:00Z), which is in the future. ' +
            'Once it is applied, drizzle-kit migrate skips every migration whose when is lower, i.e. everything drizzle-kit generate writes before that moment.',
        },
      ],
    },
  ],
});
