import { testRule } from '../helpers/test-rule.js';

const base = {
  path: 'drizzle/0000_base.sql',
  text: [
    'CREATE TABLE "docs" ("id" bigint, "org" bigint);',
    'ALTER TABLE "docs" ENABLE ROW LEVEL SECURITY;',
    'CREATE POLICY "own org" ON "docs" AS PERMISSIVE FOR SELECT TO "app" USING ("org" = 1);',
    'CREATE POLICY "live only" ON "docs" AS RESTRICTIVE FOR ALL TO "app" USING (true);',
  ].join('--> statement-breakpoint\n'),
  batch: 0,
};
const later = (text: string) => ({ path: 'drizzle/0001_x.sql', text, batch: 1 });

testRule('disabling-row-level-security', {
  accept: [
    { sql: 'CREATE TABLE "t" ("id" bigint);\n--> statement-breakpoint\nALTER TABLE "t" DISABLE ROW LEVEL SECURITY;', description: 'new table' },
    { sql: 'ALTER TABLE "t" ENABLE ROW LEVEL SECURITY;' },
    {
      files: [base, later('DROP POLICY "own org" ON "docs" CASCADE;--> statement-breakpoint\nDROP TABLE "docs" CASCADE;')],
      description: "drizzle-kit drops a table's policies before the table",
    },
    {
      files: [base, later('DROP POLICY "own org" ON "docs";--> statement-breakpoint\nCREATE POLICY "own org" ON "docs" AS PERMISSIVE FOR ALL TO "app" USING ("org" = 2);')],
      description: 'policy replaced in the same migration',
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "t" ("id" bigint);', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'CREATE POLICY "p" ON "t" USING (true);', batch: 1 },
        { path: 'drizzle/0002_c.sql', text: 'DROP POLICY "p" ON "t";', batch: 1 },
      ],
      description: 'policy created earlier in the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "docs" DISABLE ROW LEVEL SECURITY;',
      expect: {
        message:
          'Disabling row-level security on "docs" turns off all of its policies: every role with table privileges sees and changes every row, including roles the policies kept out.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 46,
      },
    },
    {
      sql: 'ALTER TABLE "auth"."docs" NO FORCE ROW LEVEL SECURITY;',
      expect: { message: /^NO FORCE ROW LEVEL SECURITY on "auth"\."docs" lets the table owner bypass its policies again/, line: 1, column: 1, endLine: 1, endColumn: 54 },
    },
    {
      files: [base, later('-- é\nDROP POLICY "live only" ON "docs";')],
      description: 'restrictive policy known from the replayed schema',
      expect: {
        file: 'drizzle/0001_x.sql',
        message: 'Dropping policy "live only" on "docs" removes a RESTRICTIVE filter: rows it hid from the roles it applied to (for ALL) become visible to them.',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 34,
      },
    },
    {
      files: [base, later('DROP POLICY IF EXISTS "own org" ON "public"."docs";')],
      expect: { file: 'drizzle/0001_x.sql', message: /removes a PERMISSIVE grant: rows only it allowed \(for SELECT\) disappear/, line: 1, column: 1, endLine: 1, endColumn: 51 },
    },
    {
      files: [base, later('ALTER POLICY "live only" ON "docs" RENAME TO "livemode";--> statement-breakpoint\nDROP POLICY "livemode" ON "docs";')],
      description: 'a renamed policy keeps its kind',
      expect: { file: 'drizzle/0001_x.sql', message: /^Dropping policy "livemode" on "docs" removes a RESTRICTIVE filter/, line: 2, column: 1, endLine: 2, endColumn: 33 },
    },
    {
      sql: 'DROP POLICY "unknown" ON "docs";',
      description: 'a policy the migrations never created',
      expect: { message: /changes which rows each role can see: a RESTRICTIVE policy stops hiding rows/, line: 1, column: 1, endLine: 1, endColumn: 32 },
    },
  ],
});
