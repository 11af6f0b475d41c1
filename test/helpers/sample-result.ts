import { lintTexts } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';

/** A small history with errors, a suppressed finding, a clean file and a path that needs escaping. */
export async function sampleResult(): Promise<LintResult> {
  return lintTexts([
    { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "users" ("id" serial PRIMARY KEY, "name" text);\n' },
    {
      path: 'drizzle/0001_add tz,100%.sql',
      text: [
        'ALTER TABLE "users" ADD COLUMN "timezone" text NOT NULL;',
        '--> statement-breakpoint',
        '-- migration-lint-disable-next-statement creating-index-non-concurrently -- table has 40 rows',
        'CREATE INDEX "users_name_idx" ON "users" ("name");',
        '--> statement-breakpoint',
        'CREATE INDEX "users_tz_idx" ON "users" ("timezone");',
        '',
      ].join('\n'),
    },
  ]);
}
