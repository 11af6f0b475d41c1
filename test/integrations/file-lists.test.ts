import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, type LintResult } from '../../src/index.js';

/**
 * pre-commit, lint-staged and lefthook pass the staged .sql files (relative, absolute or ./-prefixed,
 * possibly split across several invocations). The findings for those files must be exactly what
 * linting the whole folder reports for them.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const corpusProject = resolve(repo, '../shared/corpus/drizzle-pg/2witstudios__PageSpace/packages/db');

function byFile(result: LintResult) {
  return new Map(result.results.map((r) => [r.filePath, r.messages]));
}

async function expectSameAsFolder(cwd: string, folder: string, picked: string[]) {
  const whole = byFile(await lint({ cwd, paths: [folder] }));
  const forms: string[][] = [picked, picked.map((p) => resolve(cwd, p)), picked.map((p) => `./${p}`)];
  for (const paths of forms) {
    const listed = await lint({ cwd, paths });
    expect(listed.results.map((r) => r.filePath)).toEqual([...picked].sort());
    for (const r of listed.results) expect(r.messages, `${r.filePath} via ${paths[0]}`).toEqual(whole.get(r.filePath));
  }
  // One invocation per file, as when a hook runner splits a long file list.
  for (const p of picked) {
    const single = await lint({ cwd, paths: [p] });
    expect(single.results[0].messages).toEqual(whole.get(p));
  }
}

describe('file lists from commit hooks give the folder verdicts', () => {
  it('on the example project', async () => {
    const cwd = join(repo, 'examples/saas');
    await expectSameAsFolder(cwd, 'drizzle', ['drizzle/0003_widen_columns.sql', 'drizzle/0001_add_user_timezone.sql', 'drizzle/0004_rename_full_name.sql']);
  });

  it.skipIf(!existsSync(corpusProject))('on a real project with a long history', async () => {
    const files = readdirSync(join(corpusProject, 'drizzle')).filter((f) => f.endsWith('.sql')).sort().map((f) => `drizzle/${f}`);
    expect(files.length).toBeGreaterThan(40);
    // Files with findings that depend on the replayed history, plus the newest migration.
    const whole = byFile(await lint({ cwd: corpusProject, paths: ['drizzle'] }));
    const withFindings = files.filter((f) => whole.get(f)?.some((m) => m.ruleId === 'changing-column-type' || m.ruleId === 'adding-not-null-column'));
    expect(withFindings.length).toBeGreaterThan(2);
    const picked = [withFindings[0], withFindings[withFindings.length - 1], files[files.length - 1]];
    await expectSameAsFolder(corpusProject, 'drizzle', picked);
  });
});
