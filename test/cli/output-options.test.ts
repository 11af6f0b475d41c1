import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runMain } from '../helpers/run-main.js';
import { committedDrizzleRepo, journal, writeFiles } from '../helpers/temp-project.js';

const NOT_IN_ACTIONS = { GITHUB_ACTIONS: undefined, NO_COLOR: '1' };

describe('--format default, --output-file, --verbose', () => {
  it('annotates for GitHub when GITHUB_ACTIONS=true and no --format is given', async () => {
    const cwd = copyExample();
    const run = await runMain(['drizzle'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=drizzle\/0001_add_user_timezone\.sql,line=1,col=32,endLine=1,endColumn=\d+,title=adding-not-null-column::/m);
    const explicit = await runMain(['drizzle', '--format', 'text'], { cwd, env: { GITHUB_ACTIONS: 'true', NO_COLOR: '1' } });
    expect(explicit.stdout).not.toContain('::error');
    expect(explicit.stdout).toContain('drizzle/0001_add_user_timezone.sql:1:32  error');
    const local = await runMain(['drizzle'], { cwd, env: NOT_IN_ACTIONS });
    expect(local.stdout).not.toContain('::error');
  });

  it('annotates with paths from GITHUB_WORKSPACE when run in a subfolder', async () => {
    const cwd = copyExample();
    const run = await runMain(['drizzle'], { cwd, env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dirname(cwd) } });
    expect(run.stdout).toContain(`::error file=${basename(cwd)}/drizzle/0001_add_user_timezone.sql,line=1,`);
  });

  it('writes the report to --output-file and the text report to the terminal', async () => {
    const cwd = copyExample();
    const run = await runMain(['drizzle', '--format', 'sarif', '--output-file', 'reports/lint.sarif'], { cwd, env: NOT_IN_ACTIONS });
    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(cwd, 'reports/lint.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const { summary } = JSON.parse((await runMain(['drizzle', '--format', 'json'], { cwd, env: NOT_IN_ACTIONS })).stdout);
    expect(sarif.runs[0].results).toHaveLength(summary.errors + summary.warnings);
    expect(run.stdout).toContain(`✖ ${summary.errors + summary.warnings} problems (${summary.errors} errors, ${summary.warnings} warning`);
    expect(run.stdout).not.toContain('"version"');
  });

  it('reports an unwritable --output-file as a usage error', async () => {
    const cwd = copyExample();
    writeFileSync(join(cwd, 'notes.txt'), 'a file, not a folder\n');
    const run = await runMain(['drizzle', '--format', 'json', '--output-file', 'notes.txt/x.json'], { cwd, env: NOT_IN_ACTIONS });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^drizzle-migration-lint: --output-file notes\.txt\/x\.json: cannot write \(E[A-Z]+\)\n$/);
  });

  it('never writes the report over a migration, a .sql file or into a migrations folder', async () => {
    const cwd = copyExample();
    const snapshot = () =>
      readdirSync(join(cwd, 'drizzle'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => `${join(e.parentPath, e.name)}:${readFileSync(join(e.parentPath, e.name)).toString('base64')}`)
        .sort();
    const before = snapshot();
    for (const [target, why] of [
      ['drizzle/0001_add_user_timezone.sql', 'refusing to write a report to a .sql file'],
      ['report.sql', 'refusing to write a report to a .sql file'],
      ['drizzle/meta/_journal.json', 'refusing to write a report into the migrations folder drizzle'],
      ['drizzle/lint.json', 'refusing to write a report into the migrations folder drizzle'],
    ]) {
      const run = await runMain(['drizzle', '--format', 'json', '--output-file', target], { cwd, env: NOT_IN_ACTIONS });
      expect(run.code, target).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`drizzle-migration-lint: --output-file ${target}: ${why}\n`);
    }
    expect(readdirSync(cwd)).not.toContain('report.sql');
    expect(snapshot()).toEqual(before);
  });

  it('--verbose tells config, folder, layout, batches and timings on stderr; stdout stays clean', async () => {
    const cwd = copyExample();
    const run = await runMain(['drizzle', '--format', 'json', '--verbose', '--pg-version', '16'], { cwd, env: NOT_IN_ACTIONS });
    expect(JSON.parse(run.stdout).summary.errors).toBeGreaterThan(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('[verbose] '))).toBe(true);
    expect(run.stderr).toContain('[verbose] config: none found, using defaults');
    expect(run.stderr).toContain('[verbose] options: preset recommended, runner drizzle, PostgreSQL 16');
    expect(run.stderr).toContain('[verbose] folder: drizzle (out of drizzle.config.ts) — drizzle-kit journal (meta/_journal.json); 5 migrations replayed, 5 linted');
    expect(run.stderr).toContain('[verbose]   batch: no --since or --baseline: each linted migration is its own batch');
    expect(run.stderr).toMatch(/\[verbose\] timings: config [\d.]+ ms, discover [\d.]+ ms, parser [\d.]+ ms, lint [\d.]+ ms, report [\d.]+ ms; total [\d.]+ ms/);
  });

  it('--verbose shows the pending batch of --since', async () => {
    const cwd = committedDrizzleRepo({ '0000_users.sql': 'CREATE TABLE "users" ("id" integer);\n' });
    writeFiles(cwd, {
      'drizzle/0001_a.sql': 'CREATE TABLE "a" ("id" integer);\n',
      'drizzle/0002_b.sql': 'CREATE TABLE "b" ("id" integer);\n',
      'drizzle/meta/_journal.json': journal(['0000_users', '0001_a', '0002_b']),
    });
    const run = await runMain(['--since', 'HEAD', '--verbose', '--format', 'json'], { cwd, env: NOT_IN_ACTIONS });
    expect(run.stderr).toContain('[verbose] folder: drizzle (out of drizzle.config.ts) — drizzle-kit journal (meta/_journal.json); 3 migrations replayed, 2 linted');
    expect(run.stderr).toContain('[verbose]   batch: pending since HEAD: one batch (one transaction): 0001_a, 0002_b');
  });

  it('--verbose names the config file it used', async () => {
    const cwd = copyExample();
    await runMain(['init'], { cwd });
    const run = await runMain(['--verbose', '--format', 'json'], { cwd, env: NOT_IN_ACTIONS });
    expect(run.stderr).toContain('[verbose] config: .migrationlintrc.json');
    expect(run.code).toBe(1);
  });

  it('each format is selectable', async () => {
    const cwd = copyExample();
    for (const format of ['text', 'json', 'sarif', 'github', 'gitlab', 'markdown']) {
      const run = await runMain(['drizzle', '--format', format], { cwd, env: NOT_IN_ACTIONS });
      expect(run.code, format).toBe(1);
      expect(run.stdout.length, format).toBeGreaterThan(100);
    }
    const bad = await runMain(['drizzle', '--format', 'xml'], { cwd, env: NOT_IN_ACTIONS });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are text, json, sarif, github, gitlab, markdown');
  });
});
