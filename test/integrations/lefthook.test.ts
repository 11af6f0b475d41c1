import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README's lefthook recipe with the real lefthook: `lefthook install`, then `git commit` of a
 * staged migration in both drizzle-kit layouts. Needs the `lefthook` program (LEFTHOOK_BIN, or on
 * PATH; e.g. `npm install lefthook` somewhere else: as a dependency of this repo its postinstall
 * would install hooks into this repo). `npx drizzle-migration-lint` finds the built CLI through the
 * temp project's node_modules/.bin, so nothing is fetched.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const lefthook = process.env.LEFTHOOK_BIN ?? 'lefthook';
const hasLefthook = spawnSync(lefthook, ['version'], { encoding: 'utf8' }).status === 0;
if (!hasLefthook) console.log('lefthook end-to-end test skipped: no `lefthook` program (set LEFTHOOK_BIN or put it on PATH)');

/** The lefthook.yml the README shows. */
function readmeRecipe(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const at = readme.search(/^lefthook \(`lefthook\.yml`/m);
  const m = at < 0 ? null : /```yaml\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error('README has no lefthook.yml block');
  return m[1];
}

const CREATE = 'CREATE TABLE "users" ("id" integer PRIMARY KEY, "email" text);\n';
const DROP = 'ALTER TABLE "users" DROP COLUMN "email";\n';
const SAFE = 'CREATE TABLE "audit" ("id" integer PRIMARY KEY);\n';

function project(layout: 'flat' | 'folders') {
  const dir = mkdtempSync(join(tmpdir(), `dml-lefthook-${layout}-`));
  const file = (n: number, name: string) => (layout === 'flat' ? `drizzle/000${n}_${name}.sql` : `drizzle/2024010${n + 1}000000_${name}/migration.sql`);
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write(file(0, 'init'), CREATE);
  write('lefthook.yml', readmeRecipe());
  write('.gitignore', 'node_modules\n');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(repo, 'dist/cli.cjs'), join(dir, 'node_modules/.bin/drizzle-migration-lint'));
  const env = {
    ...process.env,
    NO_COLOR: '1',
    CI: '',
    GITHUB_ACTIONS: '',
    PATH: [process.env.LEFTHOOK_BIN ? dirname(lefthook) : '', process.env.PATH].filter(Boolean).join(delimiter),
  };
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, encoding: 'utf8' });
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'base']]) expect(git(...args).status).toBe(0);
  execFileSync(lefthook, ['install'], { cwd: dir, env, stdio: 'ignore' });
  /** Stages a new migration and commits it; the hook's output and whether the commit happened. */
  const commit = (n: number, name: string, text: string) => {
    write(file(n, name), text);
    git('add', file(n, name));
    const run = git('commit', '-m', name);
    const head = git('log', '-1', '--format=%s').stdout.trim();
    return { status: run.status, out: run.stdout + run.stderr, committed: head === name, path: file(n, name) };
  };
  /** Takes a migration out of the index and the tree again (with its folder in drizzle-kit 1.0's layout). */
  const discard = (path: string) => {
    git('rm', '-q', '-f', '--cached', path);
    rmSync(join(dir, layout === 'flat' ? path : dirname(path)), { recursive: true });
  };
  return { commit, discard };
}

describe('lefthook recipe from the README', () => {
  for (const layout of ['flat', 'folders'] as const) {
    it.skipIf(!hasLefthook)(`blocks a commit of a dangerous migration and lets a safe one through (${layout} layout)`, { timeout: 60_000 }, () => {
      const p = project(layout);
      const bad = p.commit(1, 'drop', DROP);
      expect(bad.status, bad.out).not.toBe(0);
      expect(bad.committed).toBe(false);
      expect(bad.out).toContain(`${bad.path}:1:1  error  Dropping column "email" from "users" deletes its data for good`);
      expect(bad.out).toMatch(/✖ 2 problems \(1 error, 1 warning\) in 1 file, 1 statement checked/);
      p.discard(bad.path);
      const good = p.commit(2, 'audit', SAFE);
      expect(good.status, good.out).toBe(0);
      expect(good.committed).toBe(true);
      expect(good.out).toContain('✔ No problems in 1 file, 1 statement checked');
    });
  }
});
