import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/identifier-too-long.js';

const long63 = 'a'.repeat(63);
const fk = 'integration_audit_log_connection_id_integration_connections_id_fk'; // 65 bytes
const fk2 = 'integration_audit_log_connection_id_integration_connections_id_fkey'; // same first 63 bytes
const POLICY = 'Enable read for own organizations (usage_credit_balance_adjustments)'; // 68 bytes
// 32 × "é" is 64 bytes in UTF-8 but only 32 characters.
const accented = 'é'.repeat(32);
const q = (name: string) => `"${name}"`;
/** The finding's arguments for an ASCII name, which Postgres stores as its first 63 bytes. */
const ascii = (what: string, name: string) => ({ what, name: q(name), bytes: name.length, chars: name.length, stored: q(name.slice(0, 63)) });

testRule('identifier-too-long', {
  accept: [
    { sql: `CREATE TABLE "${long63}" ("${long63}" text);`, description: 'exactly 63 bytes' },
    { sql: `CREATE TABLE "t" ("${'é'.repeat(31)}" text);`, description: '62 bytes of non-ASCII' },
    { sql: `ALTER TABLE "t" DROP CONSTRAINT "${fk}";`, description: 'references are cut the same way, so they still match' },
    { sql: `SELECT '${'x'.repeat(80)}';`, description: 'string literals are not identifiers' },
  ],
  reject: [
    {
      sql: `ALTER TABLE "integration_audit_log" ADD CONSTRAINT "${fk}" FOREIGN KEY ("connection_id") REFERENCES "integration_connections"("id");`,
      expect: { message: messages.tooLong(ascii('constraint', fk)), line: 1, column: 41, endLine: 1, endColumn: 192 },
    },
    {
      sql: `CREATE TABLE "t" (\n\t"${accented}" text\n);`,
      description: 'non-ASCII: counted in bytes, cut on a character boundary',
      expect: {
        message: messages.tooLong({ what: 'column', name: q(accented), bytes: 64, chars: 32, stored: q('é'.repeat(31)) }),
        line: 2,
        column: 2,
        endLine: 3,
        endColumn: 2,
      },
    },
    {
      sql: [
        `DO $$ BEGIN\n ALTER TABLE "integration_audit_log" ADD CONSTRAINT "${fk}" FOREIGN KEY ("a") REFERENCES "x"("id");\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;`,
        `DO $$ BEGIN\n ALTER TABLE "integration_audit_log" ADD CONSTRAINT "${fk2}" FOREIGN KEY ("b") REFERENCES "y"("id");\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;`,
      ].join('--> statement-breakpoint\n'),
      description: "two long names that cut to the same one, inside drizzle's duplicate_object wrapper",
      expect: [
        { message: messages.tooLong(ascii('constraint', fk)), line: 2, column: 42, endLine: 2, endColumn: 159 },
        { message: messages.collidesSwallowed({ ...ascii('constraint', fk2), other: q(fk) }), line: 6, column: 42, endLine: 6, endColumn: 161 },
      ],
    },
    {
      sql: `CREATE INDEX ${'Idx_'.repeat(17)} ON "t" ("a");--> statement-breakpoint\nCREATE INDEX ${'idx_'.repeat(17)}x ON "t" ("b");`,
      description: 'unquoted names fold to lower case; an index name collision fails with 42P07',
      expect: [
        { message: messages.tooLong(ascii('index', 'idx_'.repeat(17))), line: 1, column: 1, endLine: 1, endColumn: 95 },
        { message: messages.collides({ ...ascii('index', `${'idx_'.repeat(17)}x`), other: q('idx_'.repeat(17)), code: '42P07' }), line: 2, column: 1, endLine: 2, endColumn: 96 },
      ],
    },
    {
      sql: `ALTER POLICY "read own" ON "usage_credit_balance_adjustments" RENAME TO "${POLICY}";`,
      description: 'a rename names what it renames (was "The new name name …")',
      expect: { message: messages.tooLong(ascii('new policy', POLICY)), line: 1, column: 1, endLine: 1, endColumn: 143 },
    },
  ],
});
