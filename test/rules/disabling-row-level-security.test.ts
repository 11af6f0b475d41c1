import { afterHistory, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/disabling-row-level-security.js';

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
      files: afterHistory('CREATE TABLE "t" ("id" bigint);', 'CREATE POLICY "p" ON "t" USING (true);', 'DROP POLICY "p" ON "t";'),
      description: 'policy created earlier in the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "docs" DISABLE ROW LEVEL SECURITY;',
      expect: {
        message: messages.disableRls({ table: '"docs"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 46,
      },
    },
    {
      sql: 'ALTER TABLE "auth"."docs" NO FORCE ROW LEVEL SECURITY;',
      expect: { message: messages.noForceRls({ table: '"auth"."docs"' }), line: 1, column: 1, endLine: 1, endColumn: 54 },
    },
    {
      files: [base, later('-- é\nDROP POLICY "live only" ON "docs";')],
      description: 'restrictive policy known from the replayed schema',
      expect: {
        file: 'drizzle/0001_x.sql',
        message: messages.dropRestrictivePolicy({ policy: '"live only"', table: '"docs"', command: 'ALL' }),
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 34,
      },
    },
    {
      files: [base, later('DROP POLICY IF EXISTS "own org" ON "public"."docs";')],
      expect: { file: 'drizzle/0001_x.sql', message: messages.dropPermissivePolicy({ policy: '"own org"', table: '"docs"', command: 'SELECT' }), line: 1, column: 1, endLine: 1, endColumn: 51 },
    },
    {
      files: [base, later('ALTER POLICY "live only" ON "docs" RENAME TO "livemode";--> statement-breakpoint\nDROP POLICY "livemode" ON "docs";')],
      description: 'a renamed policy keeps its kind',
      expect: { file: 'drizzle/0001_x.sql', message: messages.dropRestrictivePolicy({ policy: '"livemode"', table: '"docs"', command: 'ALL' }), line: 2, column: 1, endLine: 2, endColumn: 33 },
    },
    {
      sql: 'DROP POLICY "unknown" ON "docs";',
      description: 'a policy the migrations never created',
      expect: { message: messages.dropPolicy({ policy: '"unknown"', table: '"docs"' }), line: 1, column: 1, endLine: 1, endColumn: 32 },
    },
  ],
});
