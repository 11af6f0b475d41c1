import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { only } from '../helpers/sample-result.js';
import { FORMATS, formatReport, lint, lintTexts, RULES, UsageError, type LintResult, type Message } from '../../src/index.js';

const example = fileURLToPath(new URL('../../examples/saas', import.meta.url));

describe('programmatic API (as in the README)', () => {
  it('lint() returns the result model the CLI prints as JSON', async () => {
    const rules = only({ 'adding-not-null-column': 'error', 'changing-column-type': 'error', 'creating-index-non-concurrently': 'error', 'renaming-column': 'warn' });
    const result: LintResult = await lint({ cwd: example, paths: ['drizzle'], config: { postgresVersion: 16 }, rules });
    expect(result.version).toBe(1);
    // adding-not-null-column, the index and integer → bigint; varchar(100) → varchar(255) is metadata-only.
    expect(result.summary).toMatchObject({ files: 5, errors: 3, warnings: 1 });
    const renamed: Message = result.results.find((r) => r.filePath === 'drizzle/0004_rename_full_name.sql')!.messages[0];
    expect(renamed).toMatchObject({ ruleId: 'renaming-column', severity: 'warning', line: 2, column: 1 });
    const md = await formatReport('markdown', result, { color: false, cwd: example });
    expect(md).toContain('**3 errors**, 1 warning');
    expect(FORMATS).toContain('sarif');
    expect(RULES.length).toBeGreaterThan(5);
  });

  it('lints an editor buffer after the rest of its folder', async () => {
    const r = await lint({ cwd: example, text: { path: 'drizzle/0007_new.sql', text: 'ALTER TABLE "users" DROP COLUMN "name";' } });
    expect(r.results.map((f) => f.filePath)).toEqual(['drizzle/0007_new.sql']);
    expect(r.results[0].messages.map((m) => m.ruleId)).toContain('dropping-column');
  });

  it('lints texts that exist only in memory', async () => {
    const r = await lintTexts([
      { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "users" ("id" integer);' },
      { path: 'drizzle/0001_x.sql', text: 'ALTER TABLE "users" ADD COLUMN "tz" text NOT NULL;' },
    ]);
    expect(r.results[1].messages.map((m) => m.ruleId)).toContain('adding-not-null-column');
  });

  it('throws UsageError for user mistakes', async () => {
    await expect(lint({ cwd: example, paths: ['nope'] })).rejects.toBeInstanceOf(UsageError);
  });
});
