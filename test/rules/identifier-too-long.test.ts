import { testRule } from '../helpers/test-rule.js';

const long63 = 'a'.repeat(63);
const fk = 'integration_audit_log_connection_id_integration_connections_id_fk'; // 65 bytes
const fk2 = 'integration_audit_log_connection_id_integration_connections_id_fkey'; // same first 63 bytes
// 32 × "é" is 64 bytes in UTF-8 but only 32 characters.
const accented = 'é'.repeat(32);

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
      expect: {
        message: `The constraint name "${fk}" is 65 bytes; Postgres silently cuts identifiers to 63 bytes and stores "${fk.slice(0, 63)}". drizzle-kit keeps the full name in its snapshot, so drizzle-kit push and introspection see a name that no longer matches your schema.`,
        line: 1,
        column: 41,
      },
    },
    {
      sql: `CREATE TABLE "t" (\n\t"${accented}" text\n);`,
      description: 'non-ASCII: counted in bytes, cut on a character boundary',
      expect: {
        message: `The column name "${accented}" is 64 bytes (32 characters); Postgres silently cuts identifiers to 63 bytes and stores "${'é'.repeat(31)}". drizzle-kit keeps the full name in its snapshot, so drizzle-kit push and introspection see a name that no longer matches your schema.`,
        line: 2,
        column: 2,
      },
    },
    {
      sql: [
        `DO $$ BEGIN\n ALTER TABLE "integration_audit_log" ADD CONSTRAINT "${fk}" FOREIGN KEY ("a") REFERENCES "x"("id");\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;`,
        `DO $$ BEGIN\n ALTER TABLE "integration_audit_log" ADD CONSTRAINT "${fk2}" FOREIGN KEY ("b") REFERENCES "y"("id");\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;`,
      ].join('--> statement-breakpoint\n'),
      description: "two long names that cut to the same one, inside drizzle's duplicate_object wrapper",
      expect: [
        { message: /is 65 bytes;.*drizzle-kit keeps the full name/, line: 2, column: 42 },
        {
          message: new RegExp(`"${fk}", defined earlier in this migration, is cut to the same name: drizzle's DO … EXCEPTION WHEN duplicate_object block swallows the error and this constraint is silently never created\\.$`),
          line: 6,
          column: 42,
        },
      ],
    },
    {
      sql: `CREATE INDEX ${'Idx_'.repeat(17)} ON "t" ("a");--> statement-breakpoint\nCREATE INDEX ${'idx_'.repeat(17)}x ON "t" ("b");`,
      description: 'unquoted names fold to lower case; an index name collision fails with 42P07',
      expect: [
        { message: new RegExp(`^The index name "${'idx_'.repeat(17)}" is 68 bytes`), line: 1, column: 1 },
        { message: /cut to the same name, so this statement fails \(42P07: already exists\)\.$/, line: 2, column: 1 },
      ],
    },
  ],
});
