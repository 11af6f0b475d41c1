import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, type LintResult } from '../../src/index.js';
import { committedDrizzleRepo, journal, writeFiles } from '../helpers/temp-project.js';

/**
 * pre-commit, lint-staged and lefthook pass the staged .sql files (relative, absolute or ./-prefixed,
 * possibly split across several invocations). The findings for those files must be exactly what
 * linting the whole folder reports for them.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const corpusProject = resolve(repo, '../shared/corpus/drizzle-pg/2witstudios__PageSpace/packages/db');

/**
 * Without a pending batch, missing-lock-timeout is one finding for the files linted (at the first
 * that needs it), so where it lands depends on which files were named: left out of the comparison.
 */
function byFile(result: LintResult) {
  return new Map(result.results.map((r) => [r.filePath, r.messages.filter((m) => m.ruleId !== 'missing-lock-timeout')]));
}
const withoutFolded = (messages: LintResult['results'][number]['messages']) => messages.filter((m) => m.ruleId !== 'missing-lock-timeout');

async function expectSameAsFolder(cwd: string, folder: string, picked: string[], since?: string) {
  const config = since ? { since } : {};
  const whole = byFile(await lint({ cwd, paths: [folder], config }));
  const forms: string[][] = [picked, picked.map((p) => resolve(cwd, p)), picked.map((p) => `./${p}`)];
  for (const paths of forms) {
    const listed = await lint({ cwd, paths, config });
    expect(listed.results.map((r) => r.filePath)).toEqual([...picked].sort());
    for (const r of listed.results) expect(withoutFolded(r.messages), `${r.filePath} via ${paths[0]}`).toEqual(whole.get(r.filePath));
  }
  // One invocation per file, as when a hook runner splits a long file list.
  for (const p of picked) {
    const single = await lint({ cwd, paths: [p], config });
    expect(withoutFolded(single.results[0].messages)).toEqual(whole.get(p));
  }
  return whole;
}

describe('file lists from commit hooks give the folder verdicts', () => {
  it('on the example project', async () => {
    const cwd = join(repo, 'examples/saas');
    await expectSameAsFolder(cwd, 'drizzle', ['drizzle/0003_widen_columns.sql', 'drizzle/0001_add_user_timezone.sql', 'drizzle/0004_rename_full_name.sql']);
  });

  it('with --since HEAD: the staged migrations are one batch, however they are passed', async () => {
    const cwd = committedDrizzleRepo({
      '0000_users.sql': 'CREATE TABLE "users" ("id" integer PRIMARY KEY);\n',
      '0001_invoices.sql': 'CREATE TABLE "invoices" ("id" integer PRIMARY KEY, "status" text);\n',
    });
    writeFiles(cwd, {
      'drizzle/0002_tags.sql': 'CREATE TABLE "tags" ("id" integer PRIMARY KEY, "name" text);\n',
      'drizzle/0003_more.sql': 'CREATE INDEX "tags_name_idx" ON "tags" ("name");\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "tz" text NOT NULL;\n',
      'drizzle/meta/_journal.json': journal(['0000_users', '0001_invoices', '0002_tags', '0003_more']),
    });
    const whole = await expectSameAsFolder(cwd, 'drizzle', ['drizzle/0002_tags.sql', 'drizzle/0003_more.sql'], 'HEAD');
    const rules = whole.get('drizzle/0003_more.sql')!.map((m) => m.ruleId);
    // "tags" is created in the same pending batch, so its index is no lock problem; "users" is old.
    expect(rules).toContain('adding-not-null-column');
    expect(rules).not.toContain('creating-index-non-concurrently');
    expect([...whole.keys()].sort()).toEqual(['drizzle/0002_tags.sql', 'drizzle/0003_more.sql']);
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
