import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/linter/result.js';
import { runCli } from '../helpers/run-cli.js';

/** The README's first command lints examples/saas/drizzle; this pins what it must say. */
describe('examples/saas/drizzle', () => {
  const r = runCli(['examples/saas/drizzle', '--format', 'json']);
  const result = JSON.parse(r.stdout) as LintResult;
  const findings = result.results.flatMap((f) => f.messages.filter((m) => !m.suppressed).map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`));

  it('exits 1', () => {
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(runCli(['examples/saas/drizzle']).code).toBe(1);
  });

  it('flags the NOT NULL add, the index, the int → bigint change and the rename, where they are', () => {
    expect(findings).toEqual(
      expect.arrayContaining([
        'examples/saas/drizzle/0001_add_user_timezone.sql:1:32 adding-not-null-column',
        'examples/saas/drizzle/0002_invoice_status_index.sql:1:1 creating-index-non-concurrently',
        'examples/saas/drizzle/0003_widen_columns.sql:2:37 changing-column-type',
        'examples/saas/drizzle/0004_rename_full_name.sql:2:1 renaming-column',
      ]),
    );
  });

  it('does not flag the bootstrap migration, which only creates tables', () => {
    expect(findings.filter((f) => f.includes('0000_curious_wolverine'))).toEqual([]);
  });

  // Needs the varchar(n) → varchar(m ≥ n) allow-list of changing-column-type (locking helper's work).
  it('does not flag varchar(100) → varchar(255), which is metadata-only', () => {
    // Other rules may still speak about the statement (it takes ACCESS EXCLUSIVE for a moment); this one must not.
    expect(findings.filter((f) => f.startsWith('examples/saas/drizzle/0003_widen_columns.sql:1:') && f.endsWith(' changing-column-type'))).toEqual([]);
  });

  it('prints the recipe with each finding in text output', () => {
    const text = runCli(['examples/saas/drizzle']).stdout;
    expect(text).toContain('examples/saas/drizzle/0001_add_user_timezone.sql:1:32  error  ');
    expect(text.match(/^ {2}hint: /gm)?.length).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/^✖ \d+ problems \(\d+ errors, \d+ warnings?\) in \d+ files, 13 statements checked$/m);
  });
});
