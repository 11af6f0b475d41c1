import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { validateConfig } from '../../src/config/validate.js';
import { tempProject } from '../helpers/temp-project.js';
import { CLI } from '../helpers/cli-process.js';

describe('init', () => {
  it('reads `out` from drizzle.config.ts and writes a valid starter config', async () => {
    const cwd = tempProject({
      'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({\n  dialect: 'postgresql',\n  schema: './src/schema.ts',\n  out: './db/migrations/',\n});\n",
    });
    mkdirSync(join(cwd, 'db/migrations'), { recursive: true });
    const run = await runMain(['init'], { cwd });
    expect(run.code).toBe(0);
    const written = readFileSync(join(cwd, '.migrationlintrc.json'), 'utf8');
    const config = JSON.parse(written);
    // No "dir": drizzle.config's out is read on every run, a copy would go stale.
    expect(config).toEqual({ preset: 'recommended', runner: 'drizzle', postgresVersion: 15, lockTimeoutSetByRunner: false, rules: {} });
    expect(await validateConfig(config, '.migrationlintrc.json')).toEqual(config);
    expect(run.stdout).toContain('Wrote .migrationlintrc.json (found drizzle.config.ts: migrations in db/migrations)');
    expect(run.stdout).toContain(written);
  });

  it("takes squawk's excluded_rules and pg_version from .squawk.toml, and says what it could not use", async () => {
    const cwd = tempProject({
      '.squawk.toml': [
        '# squawk settings',
        'excluded_rules = [',
        '    "require-concurrent-index-creation", # nightly deploys',
        "    'prefer-robust-stmts',",
        '    "some-future-squawk-rule",',
        ']',
        'pg_version = "16.2"',
        'assume_in_transaction = true',
        '',
        '[upload_to_github]',
        'fail_on_violations = true',
      ].join('\n'),
      'drizzle/0000_a.sql': 'CREATE TABLE "a" ("id" int);\n',
    });
    const run = await runMain(['init'], { cwd });
    expect(run.code).toBe(0);
    const config = JSON.parse(readFileSync(join(cwd, '.migrationlintrc.json'), 'utf8'));
    expect(config).toEqual({
      preset: 'recommended',
      runner: 'drizzle',
      postgresVersion: 16,
      lockTimeoutSetByRunner: false,
      rules: { 'creating-index-non-concurrently': 'off', 'prefer-robust-statements': 'off' },
    });
    expect(await validateConfig(config, '.migrationlintrc.json')).toEqual(config);
    expect(run.stdout).toContain(
      'read .squawk.toml: excluded_rules → rules off; pg_version → postgresVersion; no equivalent here for some-future-squawk-rule; not used: assume_in_transaction',
    );
  });

  it('refuses to overwrite, and leaves the file as it was', async () => {
    const cwd = tempProject({ '.migrationlintrc.json': '{ "preset": "strict" }\n' });
    const run = await runMain(['init'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('drizzle-migration-lint: init: .migrationlintrc.json already configures drizzle-migration-lint; nothing was written\n');
    expect(readFileSync(join(cwd, '.migrationlintrc.json'), 'utf8')).toBe('{ "preset": "strict" }\n');
  });

  it('refuses when another config file or package.json key already configures it', async () => {
    const cases: Record<string, string>[] = [{ '.migrationlintrc.yaml': 'preset: strict\n' }, { 'package.json': '{ "name": "x", "migrationlint": { "preset": "all" } }' }];
    for (const files of cases) {
      const cwd = tempProject(files);
      const run = await runMain(['init'], { cwd });
      expect(run.code).toBe(2);
      expect(existsSync(join(cwd, '.migrationlintrc.json'))).toBe(false);
    }
  });

  it('says so when `out` cannot be read without running the config', async () => {
    const cwd = tempProject({ 'drizzle.config.ts': "export default { dialect: 'postgresql', out: process.env.OUT_DIR };\n" });
    const run = await runMain(['init'], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, '.migrationlintrc.json'), 'utf8')).dir).toBe('drizzle');
    expect(run.stdout).toMatch(/could not read drizzle\.config\.ts \(.*"out" is not a plain string.*\); assumed drizzle/);
  });

  it('falls back to ./drizzle and says so; refuses other dialects', async () => {
    const bare = tempProject({ 'package.json': '{ "name": "x" }' });
    const run = await runMain(['init'], { cwd: bare });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(bare, '.migrationlintrc.json'), 'utf8')).dir).toBeUndefined();
    expect(run.stdout).toContain("no drizzle.config found; assumed drizzle (drizzle-kit's default)");
    expect(run.stdout).toContain('Note: drizzle does not exist yet');
    const mysql = tempProject({ 'drizzle.config.json': '{ "dialect": "mysql", "out": "./drizzle" }' });
    const refused = await runMain(['init'], { cwd: mysql });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('drizzle.config.json has dialect "mysql"');
  });

  it('in a project without migrations yet: the next run accepts the config (exit 0), with drizzle.config or without', async () => {
    for (const files of [
      { 'drizzle.config.ts': "export default { dialect: 'postgresql', out: './db/migrations' };\n" } as Record<string, string>,
      { 'package.json': '{ "name": "x" }' },
    ]) {
      const cwd = tempProject(files);
      expect((await runMain(['init'], { cwd })).code).toBe(0);
      const next = await runMain([], { cwd });
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
    }
  });

  it('over a dangling symbolic link: refuses, one line, the link left as it was', async () => {
    const cwd = tempProject({ 'package.json': '{ "name": "x" }' });
    symlinkSync(join(cwd, 'nowhere', 'x.json'), join(cwd, '.migrationlintrc.json'));
    const run = await runMain(['init'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('drizzle-migration-lint: init: .migrationlintrc.json already configures drizzle-migration-lint; nothing was written\n');
    expect(lstatSync(join(cwd, '.migrationlintrc.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, '.migrationlintrc.json'))).toBe(join(cwd, 'nowhere', 'x.json'));
    expect(existsSync(join(cwd, 'nowhere'))).toBe(false);
  });

  // As root every folder is writable: the CLI runs as `nobody` (setpriv) in a folder owned by root.
  const setpriv = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', '0']).status === 0;
  if (!setpriv) console.log('init read-only folder test skipped: cannot run as nobody with setpriv');
  it.skipIf(!setpriv)('in a folder it cannot write: one line, exit 2', () => {
    const cwd = tempProject({ 'package.json': '{ "name": "x" }' });
    chmodSync(cwd, 0o755);
    const run = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, CLI, 'init'], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('drizzle-migration-lint: init: cannot write .migrationlintrc.json in this folder (EACCES); nothing was written\n');
    expect(run.status).toBe(2);
  });
});
