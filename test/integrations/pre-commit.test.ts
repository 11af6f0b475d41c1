import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The real pre-commit framework installing this repo's hook (`npm install`, `npm pack`, install
 * the tarball) and running it on staged migrations. Needs the `pre-commit` program (Debian package
 * `pre-commit`, or pip); it tests the committed HEAD, as pre-commit clones the hook repo at a rev.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPreCommit) console.warn('pre-commit end-to-end test skipped: the `pre-commit` program is not installed (Debian: apt-get install pre-commit; tested with 3.0.4)');

describe('pre-commit framework', () => {
  it.skipIf(!hasPreCommit)('installs the hook from the repo and reports the staged migrations', { timeout: 900_000 }, async () => {
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const project = mkdtempSync(join(tmpdir(), 'dml-precommit-'));
    cpSync(join(repo, 'examples/saas/drizzle'), join(project, 'drizzle'), { recursive: true });
    writeFileSync(
      join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${repo}\n    rev: ${rev}\n    hooks:\n      - id: drizzle-migration-lint\n        files: ^drizzle/.*\\.sql$\n        args: [--since, HEAD]\n`,
    );
    const env = { ...process.env, PRE_COMMIT_HOME: join(project, '.cache'), NO_COLOR: '1', GITHUB_ACTIONS: '' };
    // Everything is committed but the migration being added now.
    const staged = 'drizzle/0001_add_user_timezone.sql';
    for (const args of [['init', '-q'], ['add', '-A'], ['rm', '-q', '--cached', staged], ['commit', '-qm', 'base'], ['add', staged]]) {
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: project, env });
    }
    // Asynchronous: a synchronous minutes-long install blocks the test worker's RPC with vitest
    // ("Timeout calling onTaskUpdate", an unhandled error that fails the run).
    const run = await promisify(execFile)('pre-commit', ['run', '--files', staged], { cwd: project, env, encoding: 'utf8' }).then(
      (r) => ({ ...r, code: 0 }),
      (e: { stdout: string; stderr: string; code: number }) => e,
    );
    const out = run.stdout + run.stderr;
    expect(run.code, out).toBe(1);
    expect(out).toContain('drizzle/0001_add_user_timezone.sql:1:32  error  Adding NOT NULL column "timezone"');
    expect(out).toMatch(/✖ \d+ problems? .* in 1 file/);
  });
});
