import { describe, expect, it } from 'vitest';
import { afterHistory, findingsOf, migrationPath, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-column.js';

testRule('dropping-column', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" text, "b" text);\n--> statement-breakpoint\nALTER TABLE "t" DROP COLUMN "b";', description: 'table created in the same migration' },
    {
      files: afterHistory('CREATE TABLE "t" ("a" text);', 'ALTER TABLE "t" ADD COLUMN "b" text;', 'ALTER TABLE "t" DROP COLUMN "b";'),
      description: 'column added earlier in the same batch',
    },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "b" DROP DEFAULT;' },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "users" DROP COLUMN "legacy_id";',
      expect: { message: messages.dropped({ column: '"legacy_id"', table: '"users"' }), line: 1, column: 1, endLine: 1, endColumn: 44 },
    },
    {
      sql: '-- é\r\nALTER TABLE "auth"."users" DROP COLUMN IF EXISTS "a" CASCADE, DROP COLUMN "b";',
      description: 'CASCADE, schema, several commands, CRLF',
      expect: [
        { message: messages.droppedCascade({ column: '"a"', table: '"auth"."users"' }), line: 2, column: 1, endLine: 2, endColumn: 78 },
        { message: messages.dropped({ column: '"b"', table: '"auth"."users"' }), line: 2, column: 1, endLine: 2, endColumn: 78 },
      ],
    },
    {
      sql: 'ALTER TABLE "ledger" DROP COLUMN "entry_type";--> statement-breakpoint\nALTER TABLE "ledger" ADD COLUMN "entry_type" "entry_kind" NOT NULL;',
      description: 'dropped and re-added with another type: values are lost',
      expect: { message: messages.readded({ column: '"entry_type"', table: '"ledger"', type: 'entry_kind' }), line: 1, column: 1, endLine: 1, endColumn: 46 },
    },
    {
      files: afterHistory(
        'CREATE TABLE "ledger" ("id" integer, "amount" integer);',
        'ALTER TABLE "ledger" DROP COLUMN "amount" CASCADE;--> statement-breakpoint\nALTER TABLE "ledger" ADD COLUMN "amount" numeric(12, 2);',
      ),
      description: 'dropped with CASCADE and re-added with another type',
      expect: {
        file: migrationPath(1),
        message: messages.readdedCascade({ column: '"amount"', table: '"ledger"', type: 'numeric(12, 2)' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 50,
      },
    },
  ],
});

describe('dropping-column re-added as serial', () => {
  it('shows bigint (bigserial) in the message and a real type in the hint', async () => {
    const found = await findingsOf('dropping-column', {
      files: afterHistory('CREATE TABLE "t" ("n" integer);', 'ALTER TABLE "t" DROP COLUMN "n";\n--> statement-breakpoint\nALTER TABLE "t" ADD COLUMN "n" bigserial;'),
    });
    expect(found.map((f) => [f.message, f.hint])).toEqual([
      [
        messages.readded({ column: '"n"', table: '"t"', type: 'bigint (bigserial)' }),
        messages.readdedHint({ column: '"n"', table: '"t"', type: 'bigint' }),
      ],
    ]);
  });
});
