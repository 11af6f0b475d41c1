// File-system and configuration faults: each is one line on stderr naming the path, exit code 2,
// and the files that can still be linted are linted.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultProjects, CREATE } from '../helpers/fault-project.js';
import { expectWellBehaved, parseJsonOutput, runCli } from '../helpers/cli-process.js';

const { project } = faultProjects('dml-faults-');

function lint(cwd: string, args: string[] = ['drizzle']) {
  const run = runCli(['--format', 'json', ...args], { cwd });
  expectWellBehaved(run);
  return run;
}

/** Exactly one error line, naming the path. */
function expectOneError(stderr: string, path: string, what: RegExp): void {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(what);
}

/** The other files were linted: the DROP COLUMN finding is in the output. */
function expectOthersLinted(stdout: string): void {
  const out = parseJsonOutput(stdout);
  const drop = out.results.find((r) => r.filePath === 'drizzle/0001_drop.sql');
  expect(drop?.messages.map((m) => m.ruleId)).toContain('dropping-column');
}

describe('faults: files and folders', () => {
  it('a migration that cannot be read (dangling symbolic link)', () => {
    const dir = project('dangling', (d) => symlinkSync(join(d, 'nowhere.sql'), join(d, 'drizzle', '0002_gone.sql')));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expectOneError(run.stderr, 'drizzle/0002_gone.sql', /cannot read file \(ENOENT\)/);
    expectOthersLinted(run.stdout);
  });

  it.skipIf(process.getuid?.() === 0)('a migration without read permission', () => {
    const dir = project('unreadable', (d) => {
      writeFileSync(join(d, 'drizzle', '0002_secret.sql'), CREATE);
      chmodSync(join(d, 'drizzle', '0002_secret.sql'), 0o000);
    });
    const run = lint(dir);
    expect(run.status).toBe(2);
    expectOneError(run.stderr, 'drizzle/0002_secret.sql', /cannot read file \(EACCES\)/);
    expectOthersLinted(run.stdout);
  });

  it('a folder symbolic link loop', () => {
    const dir = project('loop', (d) => symlinkSync('..', join(d, 'drizzle', 'parent')));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expectOneError(run.stderr, 'drizzle/parent', /symbolic link loop/);
    expectOthersLinted(run.stdout);
  });

  it('a path argument that is a folder named x.sql', () => {
    const dir = project('dir-named-sql', (d) => mkdirSync(join(d, 'x.sql')));
    const run = lint(dir, ['x.sql', 'drizzle']);
    expect(run.status).toBe(2);
    expectOneError(run.stderr, 'x.sql', /is a folder, not a migration file/);
    expectOthersLinted(run.stdout);
  });

  it('a folder named x.sql inside the migrations folder is not taken for a migration', () => {
    const dir = project('nested-dir-named-sql', (d) => mkdirSync(join(d, 'drizzle', '0002_x.sql')));
    const run = lint(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expectOthersLinted(run.stdout);
  });

  // A broken journal stops every drizzle-kit migrate of the folder: a one-line input error naming
  // it (exit 2), plus a journal-file-mismatch finding in the report; the migrations are still
  // linted, in file-name order.
  for (const [what, text, detail] of [
    ['a journal that is not JSON', '{ "entries": [ \n', /not valid JSON/],
    ['a journal with the wrong shape', '{ "entries": { "0": "0000_init" } }', /not a drizzle-kit journal \(no .{1,2}entries.{1,2} array\)/],
  ] as const) {
    it(what, () => {
      const dir = project(what.replace(/\W+/g, '-'), (d) => writeFileSync(join(d, 'drizzle', 'meta', '_journal.json'), text));
      const run = lint(dir);
      expect(run.status).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^drizzle-migration-lint: drizzle\/meta\/_journal\.json: /);
      expect(run.stderr).toMatch(detail);
      const out = parseJsonOutput(run.stdout);
      const journal = out.results.find((r) => r.filePath === 'drizzle/meta/_journal.json');
      expect(journal?.messages.map((m) => m.ruleId)).toEqual(['journal-file-mismatch']);
      expect(JSON.stringify(journal?.messages)).toMatch(detail);
      expectOthersLinted(run.stdout);
    });
  }
});

describe('faults: configuration', () => {
  const cases: [string, string, string, RegExp][] = [
    ['invalid JSON', '.migrationlintrc.json', '{ "preset": ', /cannot be read: .*JSON/],
    ['invalid YAML', '.migrationlintrc.yaml', 'preset: [\n', /:2:1: cannot be read: /],
    ['a config module that throws', 'migrationlint.config.mjs', 'throw new Error("config exploded");\n', /cannot be read: config exploded/],
    ['a valid file with an invalid value', '.migrationlintrc.json', '{ "preset": "lenient" }', /preset: .*"lenient" is not allowed/],
    ['a valid file with an unknown key', '.migrationlintrc.json', '{ "rulez": {} }', /unknown key "rulez"/],
    ['a package.json "migrationlint" key with an invalid value', 'package.json', '{ "name": "app", "migrationlint": { "preset": "lenient" } }', /preset: .*"lenient" is not allowed/],
  ];
  for (const [what, file, text, message] of cases) {
    it(what, () => {
      const dir = project(`config-${what.replace(/\W+/g, '-')}`, (d) => writeFileSync(join(d, file), text));
      const run = lint(dir);
      expect(run.status).toBe(2);
      expectOneError(run.stderr, file, message);
      expect(run.stdout).toBe('');
    });
  }

  it('an explicit --config that does not exist', () => {
    const dir = project('config-missing');
    const run = lint(dir, ['--config', 'nope.json', 'drizzle']);
    expect(run.status).toBe(2);
    expectOneError(run.stderr, 'nope.json', /not found/);
  });
});
