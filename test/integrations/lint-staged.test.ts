import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { git, tempProject } from '../helpers/temp-project.js';

/**
 * The README's husky + lint-staged recipe, run with the real lint-staged (a devDependency): the
 * `lint-staged` block of package.json, the bin on node_modules/.bin as npm links it, and the staged
 * migrations as lint-staged passes them (absolute paths, after its own git stash dance).
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const lintStaged = join(repo, 'node_modules/lint-staged/bin/lint-staged.js');

function project(): string {
  const dir = tempProject({
    'package.json': JSON.stringify({ name: 'app', private: true, 'lint-staged': { 'drizzle/**/*.sql': 'drizzle-migration-lint --since HEAD' } }, null, 2),
  });
  cpSync(join(repo, 'examples/saas/drizzle'), join(dir, 'drizzle'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(repo, 'dist/cli.cjs'), join(dir, 'node_modules/.bin/drizzle-migration-lint'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  return dir;
}

function runLintStaged(dir: string) {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '', CI: '' };
  // --verbose: lint-staged shows the linter's output on success too.
  const run = spawnSync(process.execPath, [lintStaged, '--verbose'], { cwd: dir, env, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('husky + lint-staged recipe', () => {
  it('fails the commit on the staged migration, with the finding in the output', { timeout: 60_000 }, () => {
    const dir = project();
    const staged = 'drizzle/0001_add_user_timezone.sql';
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'rm', '-q', '--cached', staged);
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'add', staged);
    const { status, out } = runLintStaged(dir);
    expect(status, out).toBe(1);
    expect(out).toContain('drizzle/0001_add_user_timezone.sql:1:32  error  Adding NOT NULL column "timezone"');
    expect(out).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\) in 1 file/);
  });

  it('lets a safe migration through', { timeout: 60_000 }, () => {
    const dir = project();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    writeFileSync(join(dir, 'drizzle/0005_audit.sql'), 'CREATE TABLE "audit" ("id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY, "at" timestamptz NOT NULL);\n');
    const journalPath = join(dir, 'drizzle/meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    const last = journal.entries[journal.entries.length - 1];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 60_000, tag: '0005_audit' });
    writeFileSync(journalPath, JSON.stringify(journal, null, 2));
    git(dir, 'add', 'drizzle');
    const { status, out } = runLintStaged(dir);
    expect(status, out).toBe(0);
    expect(out).toContain('No problems in 1 file, 1 statement checked');
  });
});
