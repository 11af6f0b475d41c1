import { lintTexts } from '../../src/app/lint-project.js';
import type { LintResult } from '../../src/linter/result.js';
import type { RuleSetting } from '../../src/linter/severities.js';
import { RULES } from '../../src/rules/index.js';

/** Rule settings with only these rules on, so reporter tests do not change when rules are added. */
export function only(settings: Record<string, RuleSetting>): Record<string, RuleSetting> {
  return Object.fromEntries(RULES.map((r) => [r.id, settings[r.id] ?? 'off']));
}

export const SAMPLE_RULES = only({ 'adding-not-null-column': 'error', 'creating-index-non-concurrently': 'error', 'unused-suppression': 'warn' });

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
  ], { rules: SAMPLE_RULES });
}
