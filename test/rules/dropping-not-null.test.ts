import { afterHistory, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-not-null.js';

testRule('dropping-not-null', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text NOT NULL);\n--> statement-breakpoint\nALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL;', description: 'new table' },
    {
      files: afterHistory('CREATE TABLE "t" ("id" bigint);', 'ALTER TABLE "t" ADD COLUMN "a" text NOT NULL DEFAULT \'\';', 'ALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL;'),
      description: 'column added earlier in the same batch',
    },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL;--> statement-breakpoint\nDROP TABLE "t";', description: 'table dropped later in the file' },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" ALTER COLUMN "password" DROP NOT NULL;',
      expect: {
        message: messages.dropNotNull({ column: '"password"', table: '"users"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 58,
      },
    },
  ],
});
