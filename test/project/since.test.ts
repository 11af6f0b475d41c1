import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { committedDrizzleRepo, git, journal, tempProject, writeFiles } from '../helpers/temp-project.js';

/** A repository whose first commit holds 0000 and 0001; 0002 and 0003 are added after it. */
function repo(): string {
  const dir = committedDrizzleRepo({
    '0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n',
    '0001_age.sql': 'ALTER TABLE "users" ADD COLUMN "age" integer;\n',
  });
  writeFiles(dir, {
    'drizzle/0002_teams.sql': 'CREATE TABLE "teams" ("id" serial PRIMARY KEY);\n',
    'drizzle/0003_team_name.sql': 'ALTER TABLE "teams" ADD COLUMN "name" text NOT NULL;\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "plan" text NOT NULL;\n',
    'drizzle/meta/_journal.json': journal(['0000_users', '0001_age', '0002_teams', '0003_team_name']),
  });
  return dir;
}

/** Findings of the batch-sensitive rule these tests watch. */
const findings = (run: Awaited<ReturnType<typeof lintProject>>) =>
  run.result.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'adding-not-null-column').map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`));

describe('--since <ref>: the pending batch is what the ref does not have, committed or not', () => {
  it('reports only the new files, as one batch: a table created in the batch is new, an older one is not', async () => {
    const dir = repo();
    const run = await lintProject({ cwd: dir, config: { since: 'HEAD' } });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['drizzle/0002_teams.sql', 'drizzle/0003_team_name.sql']);
    expect(findings(run)).toEqual(['drizzle/0003_team_name.sql:3:32 adding-not-null-column']);
    expect(run.folders[0].files.map((f) => f.batch)).toEqual([0, 1, 4, 4]);
  });

  it('rules see the whole batch: NOT VALID in one pending file and VALIDATE in the next share the transaction', async () => {
    const dir = committedDrizzleRepo({ '0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY, "age" integer);\n' });
    writeFiles(dir, {
      'drizzle/0001_check.sql': 'ALTER TABLE "users" ADD CONSTRAINT "age_ok" CHECK ("age" >= 0) NOT VALID;\n',
      'drizzle/0002_validate.sql': 'ALTER TABLE "users" VALIDATE CONSTRAINT "age_ok";\n',
      'drizzle/meta/_journal.json': journal(['0000_users', '0001_check', '0002_validate']),
    });
    const validating = async (config: { since?: string }) =>
      (await lintProject({ cwd: dir, config })).result.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'validating-in-same-transaction').map(() => r.filePath));
    expect(await validating({ since: 'HEAD' })).toEqual(['drizzle/0002_validate.sql']);
    expect(await validating({})).toEqual([]);
  });

  it('committed files after the ref count as pending too', async () => {
    const dir = repo();
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'second');
    const run = await lintProject({ cwd: dir, config: { since: 'HEAD~1' } });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['drizzle/0002_teams.sql', 'drizzle/0003_team_name.sql']);
    expect(await lintProject({ cwd: dir, config: { since: 'HEAD' } }).then((r) => r.result.results)).toEqual([]);
  });

  it('a file list (pre-commit) reports the given files that are pending', async () => {
    const dir = repo();
    const run = await lintProject({ cwd: dir, paths: ['drizzle/0003_team_name.sql', 'drizzle/0001_age.sql'], config: { since: 'HEAD' } });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['drizzle/0003_team_name.sql']);
    // 0002 was replayed and is in the same batch: "teams" is new.
    expect(findings(run)).toEqual(['drizzle/0003_team_name.sql:3:32 adding-not-null-column']);
  });

  it('works from a subfolder of the repository', async () => {
    const dir = repo();
    const run = await lintProject({ cwd: join(dir, 'drizzle'), paths: ['.'], config: { since: 'HEAD' } });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['0002_teams.sql', '0003_team_name.sql']);
  });

  it('before the first commit, --since HEAD takes every migration as pending (a pre-commit hook must not block the first commit)', async () => {
    const dir = tempProject({
      'drizzle/0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n',
      'drizzle/0001_plan.sql': 'ALTER TABLE "users" ADD COLUMN "plan" text NOT NULL;\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    const run = await lintProject({ cwd: dir, config: { since: 'HEAD' } });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['drizzle/0000_users.sql', 'drizzle/0001_plan.sql']);
    // One batch: "users" is created in it, so adding a NOT NULL column to it is safe.
    expect(findings(run)).toEqual([]);
    // Any other ref is still an error there.
    await expect(lintProject({ cwd: dir, config: { since: 'main' } })).rejects.toThrow('--since main: no such commit, branch or tag in this repository');
  });

  it('a ref that does not exist, a shallow clone that lacks it, no git: one clear line', async () => {
    const dir = repo();
    await expect(lintProject({ cwd: dir, config: { since: 'origin/nope' } })).rejects.toThrow('--since origin/nope: no such commit, branch or tag in this repository');

    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'second');
    const clone = tempProject({});
    git(clone, 'clone', '-q', '--depth', '1', `file://${dir}`, 'c');
    await expect(lintProject({ cwd: join(clone, 'c'), config: { since: 'HEAD~1' } })).rejects.toThrow(
      '--since HEAD~1: not found in this shallow clone; fetch the history it needs (actions/checkout: fetch-depth: 0, or git fetch --unshallow)',
    );

    const plain = tempProject({ 'drizzle/0000_a.sql': 'SELECT 1;' });
    await expect(lintProject({ cwd: plain, config: { since: 'HEAD' } })).rejects.toThrow(/^--since HEAD: .* is not inside a git repository; use --baseline <tag> instead$/);
  });
});
