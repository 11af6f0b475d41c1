import { describe, expect, it } from 'vitest';
import { formatMarkdown, MAX_COMMENT_LENGTH } from '../../src/reporters/markdown.js';
import type { LintResult, Message } from '../../src/linter/result.js';
import { lintTexts } from '../../src/app/lint-project.js';
import { ruleDocsUrl } from '../../src/app/docs-links.js';
import { sampleResult } from '../helpers/sample-result.js';

function many(n: number): LintResult {
  const messages: Message[] = Array.from({ length: n }, (_, i) => ({
    ruleId: 'creating-index-non-concurrently',
    severity: 'error',
    message: `Creating index "idx_${i}" on "t" without CONCURRENTLY takes a SHARE lock.`,
    hint: 'Use CREATE INDEX CONCURRENTLY.',
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 40,
    statement: `CREATE INDEX "idx_${i}" ON "t" (${'"c", '.repeat(100)}"d")`,
    suppressed: false,
    docsUrl: 'https://example.test/creating-index-non-concurrently.md',
  }));
  return { version: 1, results: [{ filePath: 'drizzle/0001_big.sql', messages }], summary: { files: 1, statements: n, errors: n, warnings: 0, suppressed: 0 } };
}

describe('markdown reporter', () => {
  it('has a summary table and each finding with its SQL', async () => {
    const md = formatMarkdown(await sampleResult());
    expect(md).toContain('❌ **2 errors**, 0 warnings in 1 file (2 files, 4 statements checked, 1 suppressed).');
    expect(md).toMatch(/\| Rule \| Severity \| Findings \|\n\| --- \| --- \| ---: \|\n/);
    expect(md).toContain(`| [\`adding-not-null-column\`](${ruleDocsUrl('adding-not-null-column')}) | error | 1 |`);
    expect(md).toContain('### Errors\n\n#### `drizzle/0001_add tz,100%.sql`\n\n**error**');
    expect(md).toContain('```sql\nALTER TABLE "users" ADD COLUMN "timezone" text NOT NULL\n```');
    expect(md).toContain('**error** [`adding-not-null-column`]');
    expect(md).not.toContain('users_name_idx'); // suppressed
  });

  it('never exceeds 65,000 characters and says how much it left out', () => {
    const md = formatMarkdown(many(2000));
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    const shown = (md.match(/^\*\*error\*\*/gm) ?? []).length;
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(2000);
    expect(md).toContain(`_${2000 - shown} more findings not shown`);
    expect(md.trimEnd().endsWith('to see them all._')).toBe(true);
  });

  it('fits exactly when there is room and truncates at any limit', () => {
    const full = formatMarkdown(many(3));
    expect(full).not.toContain('not shown');
    for (const limit of [1500, 2500, 4000]) {
      const md = formatMarkdown(many(50), { maxLength: limit });
      expect(md.length).toBeLessThanOrEqual(limit);
      expect(md).toContain('more findings not shown');
    }
  });

  it('keeps SQL inside its fence and escapes Markdown in messages', () => {
    const r = many(1);
    r.results[0].messages[0].statement = "SELECT '```' AS x";
    r.results[0].messages[0].message = 'Column <b>x</b> | *y*';
    const md = formatMarkdown(r);
    expect(md).toContain("````sql\nSELECT '```' AS x\n````");
    expect(md).toContain('Column \\<b\\>x\\</b\\> \\| \\*y\\*');
  });

  it('is one line of good news for a clean run', async () => {
    const clean = await lintTexts([{ path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "t" ("id" int);\n' }]);
    expect(formatMarkdown(clean)).toBe('## drizzle-migration-lint\n\n✅ No problems (1 file, 1 statement checked).\n');
  });
});

describe('markdown reporter ordering', () => {
  it('lists every error before any warning, so truncation drops warnings first', () => {
    const r = many(400);
    r.results[0].messages.forEach((m, i) => (m.severity = i % 2 ? 'error' : 'warning'));
    r.results.unshift({ filePath: 'drizzle/0000_first.sql', messages: [{ ...r.results[0].messages[0], severity: 'warning' }] });
    const md = formatMarkdown(r, { maxLength: 30_000 });
    expect(md).not.toContain('### Warnings');
    expect(md).not.toContain('**warning**');
    const full = formatMarkdown(many(2));
    expect(full.indexOf('### Errors')).toBeGreaterThan(0);
  });
});
