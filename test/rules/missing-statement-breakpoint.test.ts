import { testFolderRule } from '../helpers/test-folder-rule.js';

const message = /^This statement shares a breakpoint chunk with the one before it: drizzle sends each chunk as one query/;

testFolderRule('missing-statement-breakpoint', {
  accept: [
    { fixture: 'drizzle-0x' },
    { fixture: 'missing-statement-breakpoint', paths: ['drizzle/0001_generated.sql'], description: 'statements inside a DO block are one statement of the chunk' },
    { fixture: 'missing-statement-breakpoint', paths: ['drizzle/0002_no_breakpoints.sql'], description: 'the journal says breakpoints: false' },
    { fixture: 'plain', paths: ['sql'], description: 'no journal, no drizzle.config: breakpoints unknown' },
  ],
  reject: [
    {
      fixture: 'missing-statement-breakpoint',
      expect: [
        { file: 'drizzle/0000_custom.sql', line: 2, column: 1, message },
        { file: 'drizzle/0000_custom.sql', line: 5, column: 1, message },
      ],
    },
  ],
});
