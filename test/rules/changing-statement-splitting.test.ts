import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/changing-statement-splitting.js';

testRule('changing-statement-splitting', {
  accept: [
    { sql: 'SET standard_conforming_strings = on;' },
    { sql: "SET lock_timeout = '5s';" },
    { sql: 'SET backslash_quote = safe_encoding;' },
  ],
  reject: [
    {
      sql: 'SET standard_conforming_strings = off;\n--> statement-breakpoint\nINSERT INTO "t" VALUES (\'a\\\');',
      expect: { message: messages.changed({ setting: 'standard_conforming_strings', value: 'off' }), line: 1, column: 1, endLine: 1, endColumn: 38 },
    },
    {
      sql: "SET LOCAL backslash_quote = 'on';",
      expect: { message: messages.changed({ setting: 'backslash_quote', value: 'on' }), line: 1, column: 1, endLine: 1, endColumn: 33 },
    },
  ],
});
