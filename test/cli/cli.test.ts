import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import type { LintResult } from '../../src/linter/result.js';
import { REPO, runCli, usageErrorLine } from '../helpers/run-cli.js';

const CLEAN = join(REPO, 'test/fixtures/cli-clean');
const FINDINGS = join(REPO, 'test/fixtures/cli-findings');
const ESC = '\u001b[';

// Each case starts node several times; on a busy machine that takes seconds.
vi.setConfig({ testTimeout: 120_000 });

const tmp = mkdtempSync(join(tmpdir(), 'migrationlint-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exit codes', () => {
  it('0 for a clean folder, with the clean summary', () => {
    const r = runCli(['drizzle'], { cwd: CLEAN });
    expect(r).toEqual({ code: 0, stdout: '✔ No problems in 1 file, 3 statements checked\n', stderr: '' });
  });

  it('lints ./drizzle when no path is given', () => {
    expect(runCli([], { cwd: CLEAN }).stdout).toBe('✔ No problems in 1 file, 3 statements checked\n');
    expect(runCli([], { cwd: FINDINGS }).code).toBe(1);
  });

  it('1 for error-level findings', () => {
    const r = runCli(['drizzle'], { cwd: FINDINGS });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('1 only when warnings exceed --max-warnings', () => {
    const asWarnings = ['--rule', 'dropping-column=warn', '--rule', 'creating-index-non-concurrently=warn', '--rule', 'renaming-column=warn'];
    expect(runCli(['drizzle', ...asWarnings], { cwd: FINDINGS }).code).toBe(0);
    expect(runCli(['drizzle', ...asWarnings, '--max-warnings', '5'], { cwd: FINDINGS }).code).toBe(0);
    const over = runCli(['drizzle', ...asWarnings, '--max-warnings', '4'], { cwd: FINDINGS });
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('✖ 5 problems (0 errors, 5 warnings) in 2 files, 7 statements checked, 1 suppressed\n');
  });

  it('--quiet shows errors only and ignores warnings for the exit code', () => {
    const r = runCli(['drizzle', '--quiet'], { cwd: FINDINGS });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/  warning  |unused-suppression/);
    expect(r.stdout).toContain('✖ 3 problems (3 errors, 0 warnings) in 2 files');
    const onlyWarnings = runCli(['drizzle', '--quiet', '--max-warnings', '0', '--rule', 'dropping-column=off', '--rule', 'creating-index-non-concurrently=off', '--rule', 'renaming-column=off'], {
      cwd: FINDINGS,
    });
    expect(onlyWarnings.code).toBe(0);
    expect(onlyWarnings.stdout).toBe('✔ No problems in 3 files, 7 statements checked, 1 suppressed\n');
  });
});

describe('usage errors: one line on stderr, exit 2, no stack trace', () => {
  it('a missing path', () => {
    expect(usageErrorLine(runCli(['no/such/folder']))).toBe('drizzle-migration-lint: no/such/folder: no such file or folder');
    // No path, no drizzle.config and no ./drizzle: the message says what was looked for.
    expect(usageErrorLine(runCli([], { cwd: tmp }))).toMatch(/^drizzle-migration-lint: .*\bdrizzle\b/);
  });

  it('a named folder without migrations: one line, exit 2 (not a green run that linted nothing)', () => {
    const dir = mkdtempSync(join(tmp, 'no-sql-'));
    mkdirSync(join(dir, 'src'));
    const r = runCli(['--format', 'json', 'src'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('drizzle-migration-lint: src: no migration files (.sql) in this folder\n');
    expect(JSON.parse(r.stdout).summary.files).toBe(0);
  });

  it('a drizzle.config whose out cannot be read without running it: named as found, relative to the working folder', () => {
    const dir = mkdtempSync(join(tmp, 'computed-out-'));
    writeFileSync(join(dir, 'drizzle.config.ts'), "export default { out: './db/' + 'migrations', dialect: 'postgresql' };\n");
    expect(usageErrorLine(runCli([], { cwd: dir }))).toBe(
      'drizzle-migration-lint: drizzle.config.ts: "out" is not a plain string, so it cannot be read without running the file; pass the migrations folder with --dir (or set "dir" in .migrationlintrc)',
    );
  });

  it('a bad config file', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"presets":"all"}');
    expect(usageErrorLine(runCli(['-c', bad, 'drizzle'], { cwd: CLEAN }))).toBe(
      `drizzle-migration-lint: ${bad}: presets: unknown key "presets"; allowed keys: preset, rules, runner, postgresVersion, lockTimeoutSetByRunner, requireSuppressionReason, cache, maxFileSize, dir, since, baseline`,
    );
    expect(usageErrorLine(runCli(['--config', 'missing.json', 'drizzle'], { cwd: CLEAN }))).toBe('drizzle-migration-lint: missing.json: config file not found');
  });

  it('an unknown rule or a bad setting in --rule', () => {
    expect(usageErrorLine(runCli(['--rule', 'no-such-rule=off', 'drizzle'], { cwd: CLEAN }))).toBe(
      'drizzle-migration-lint: --rule: unknown rule "no-such-rule" (run `drizzle-migration-lint rules` for the list)',
    );
    expect(usageErrorLine(runCli(['--rule', 'droping-table=off', 'drizzle'], { cwd: CLEAN }))).toBe(
      'drizzle-migration-lint: --rule: unknown rule "droping-table"; did you mean "dropping-table"? (run `drizzle-migration-lint rules` for the list)',
    );
    expect(usageErrorLine(runCli(['explain', 'ban-drop-column']))).toBe(
      'drizzle-migration-lint: explain ban-drop-column: unknown rule; did you mean "dropping-column"? (run `drizzle-migration-lint rules` for the list)',
    );
    expect(usageErrorLine(runCli(['--rule', 'dropping-table=loud', 'drizzle'], { cwd: CLEAN }))).toBe(
      'drizzle-migration-lint: --rule dropping-table=loud: use one of off, warn, error',
    );
    expect(usageErrorLine(runCli(['--rule', 'dropping-table', 'drizzle'], { cwd: CLEAN }))).toBe(
      'drizzle-migration-lint: --rule dropping-table: expected <rule-id>=<off|warn|error>',
    );
  });

  it('a bad option or option value', () => {
    expect(usageErrorLine(runCli(['--bogus']))).toBe("drizzle-migration-lint: unknown option '--bogus'");
    expect(usageErrorLine(runCli(['--format', 'xml', 'drizzle'], { cwd: CLEAN }))).toMatch(/^drizzle-migration-lint: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are text, json/);
    expect(usageErrorLine(runCli(['--max-warnings', 'many', 'drizzle'], { cwd: CLEAN }))).toBe('drizzle-migration-lint: --max-warnings many: expected a whole number');
    expect(usageErrorLine(runCli(['explain']))).toBe("drizzle-migration-lint: missing required argument 'rule'");
  });
});

describe('--version and --help', () => {
  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(runCli(['-v']).stdout).toBe(`${version}\n`);
  });

  it('shows the lint options at the top level, exactly those lint accepts', () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stderr).toBe('');
    const lint = runCli(['lint', '--help']).stdout;
    const flags = (help: string) => [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
    const lintFlags = flags(lint).filter((f) => f !== '--help');
    expect(lintFlags).toEqual(expect.arrayContaining(['--format', '--config', '--rule', '--max-warnings', '--quiet', '--color', '--no-color']));
    for (const f of lintFlags) expect(flags(top.stdout)).toContain(f);
    expect(flags(top.stdout)).toEqual(expect.arrayContaining(['--version', '--help']));
    expect(top.stdout).toMatch(/^Usage: drizzle-migration-lint \[paths\.\.\.\] \[options\]$/m);
    for (const cmd of ['lint', 'rules', 'explain']) expect(top.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(runCli(['-h']).stdout).toBe(top.stdout);
    // Commander's rendering of an empty-list default says nothing to a reader.
    expect(top.stdout).not.toContain('(default: [])');
  });

  it('every option the top-level help lists is accepted', () => {
    const top = runCli(['--help']).stdout;
    const needsValue: Record<string, string> = { '--format': 'json', '--config': '.migrationlintrc.json', '--rule': 'dropping-table=off', '--preset': 'all', '--runner': 'per-file', '--pg-version': '16', '--max-warnings': '3', '--output-file': join(mkdtempSync(join(tmpdir(), 'dml-cli-')), 'report.json') };
    // Flags that only work together (and without paths) have their own tests (test/cli/stdin.test.ts).
    const pairedOnly = ['--stdin', '--stdin-filename'];
    const listed = [...top.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)( <[^>]+>)?/gm)].filter((m) => !['--help', '--version', ...pairedOnly].includes(m[1]));
    expect(listed.length).toBeGreaterThan(8);
    for (const [, flag, takesValue] of listed) {
      const value = needsValue[flag];
      const r = runCli(['drizzle', ...(takesValue ? [flag, value ?? 'x'] : [flag])], { cwd: FINDINGS });
      // Flags added later with a value this test does not know may reject "x", but never as unknown.
      expect(r.stderr, flag).not.toMatch(/unknown option/);
      // --verbose writes its diagnostics, and only those, to stderr.
      const stderr = flag === '--verbose' ? r.stderr.replace(/^\[verbose\] .*\n/gm, '') : r.stderr;
      if (!takesValue || value) expect({ flag, code: r.code, stderr }).toEqual({ flag, code: r.code === 0 ? 0 : 1, stderr: '' });
    }
  });
});

describe('rules and explain', () => {
  it('rules lists every rule with category, default severity and description', () => {
    const r = runCli(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+category\s+default\s+description$/);
    for (const rule of RULES) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      expect(line, rule.id).toBeDefined();
      expect(line).toContain(rule.category);
      expect(line).toContain(rule.defaultSeverity);
      expect(line!.endsWith(rule.description)).toBe(true);
    }
  });

  it('rules --format json is the registry', () => {
    const r = runCli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; category: string; recommended: boolean; defaultSeverity: string; description: string }>;
    expect(list.map((x) => x.id)).toEqual(RULES.map((x) => x.id));
    for (const x of list) {
      const rule = RULES.find((y) => y.id === x.id)!;
      expect(x).toMatchObject({ category: rule.category, recommended: rule.recommended, defaultSeverity: rule.defaultSeverity, description: rule.description });
    }
  });

  it('explain prints the docs page, then the recipe fix applies (the rule\'s messages.fixRecipe)', () => {
    const r = runCli(['explain', 'adding-not-null-column']);
    const page = readFileSync(join(REPO, 'docs/rules/adding-not-null-column.md'), 'utf8');
    expect(r).toEqual({
      code: 0,
      stdout: `${page.replace(/\n*$/, '\n')}\n## Fix\n\n\`drizzle-migration-lint fix\` rewrites the pending migrations for you: add the column nullable, backfill in batches (value left to you), then the SET NOT NULL recipe.\n`,
      stderr: '',
    });
  });

  it('explain of a rule fix has no recipe for prints only its docs page', () => {
    const r = runCli(['explain', 'dropping-table']);
    expect(r).toEqual({ code: 0, stdout: readFileSync(join(REPO, 'docs/rules/dropping-table.md'), 'utf8'), stderr: '' });
  });

  it('explain with an unknown id exits 2', () => {
    expect(usageErrorLine(runCli(['explain', 'no-such-rule']))).toBe(
      'drizzle-migration-lint: explain no-such-rule: unknown rule (run `drizzle-migration-lint rules` for the list)',
    );
  });
});

describe('colour', () => {
  it('none when stdout is not a terminal', () => {
    expect(runCli(['drizzle'], { cwd: FINDINGS }).stdout).not.toContain(ESC);
  });

  it('none with NO_COLOR, even with FORCE_COLOR', () => {
    expect(runCli(['drizzle'], { cwd: FINDINGS, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('forced with --color (which wins over NO_COLOR), and off with --no-color', () => {
    const forced = runCli(['drizzle', '--color'], { cwd: FINDINGS });
    expect(forced.stdout).toContain(`${ESC}31merror${ESC}39m`);
    expect(runCli(['drizzle', '--color'], { cwd: FINDINGS, env: { NO_COLOR: '1' } }).stdout).toContain(ESC);
    expect(runCli(['drizzle', '--no-color'], { cwd: FINDINGS, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    // The same text once the escapes are gone.
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(runCli(['drizzle'], { cwd: FINDINGS }).stdout);
  });
});

describe('the tip about --since and --baseline', () => {
  const kaneo = join(REPO, '../shared/corpus/drizzle-pg/usekaneo__kaneo/apps/api/drizzle');
  const TIP =
    'drizzle-migration-lint: tip: 23 files have findings, and every migration was checked as if it were about to run. Migrations that production already ran cannot be changed: lint only the pending ones with --since origin/main (a pull request) or --baseline <tag of the last applied migration>.\n';

  it('follows a text report of a whole history, on stderr', () => {
    const r = runCli([kaneo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(TIP);
    expect(r.stdout).not.toContain('tip:');
  });

  it('is left out with a base, with -q, for machine formats, and under five files with findings', () => {
    expect(runCli([kaneo, '--baseline', '0010_bouncy_taskmaster']).stderr).not.toContain('tip:');
    expect(runCli([kaneo, '-q']).stderr).toBe('');
    expect(runCli([kaneo, '--format', 'json']).stderr).toBe('');
    expect(runCli([join(REPO, 'examples/saas/drizzle')]).stderr).toBe('');
  });
});

describe('text reporter', () => {
  it('prints `file:line:col  severity  message  rule-id`, the code frame, the hint and the summary', () => {
    const text = runCli(['drizzle'], { cwd: FINDINGS }).stdout;
    const json = JSON.parse(runCli(['drizzle', '--format', 'json'], { cwd: FINDINGS }).stdout) as LintResult;
    const expected: string[] = [];
    for (const file of json.results) {
      const shown = file.messages.filter((m) => !m.suppressed);
      if (!shown.length) continue;
      const source = readFileSync(join(FINDINGS, file.filePath), 'utf8').split('\n');
      expected.push(file.filePath);
      for (const m of shown) {
        expected.push(`${file.filePath}:${m.line}:${m.column}  ${m.severity}  ${m.message}  ${m.ruleId}`);
        expected.push(`  ${m.line} | ${source[m.line - 1]}`);
        expected.push(`${' '.repeat(`  ${m.line} | `.length + m.column - 1)}^`);
        if (m.hint) expected.push(`  hint: ${m.hint}`);
      }
      expected.push('');
    }
    expected.push('✖ 5 problems (3 errors, 2 warnings) in 2 files, 7 statements checked, 1 suppressed', '');
    expect(text).toBe(expected.join('\n'));
    // What the fixture must flag, where.
    expect(json.results.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.severity} ${m.ruleId}${m.suppressed ? ' suppressed' : ''}`))).toEqual([
      'drizzle/0001_cleanup.sql:1:1 error dropping-column',
      'drizzle/0001_cleanup.sql:3:1 error dropping-table suppressed',
      'drizzle/0001_cleanup.sql:5:1 warning unused-suppression',
      'drizzle/0001_cleanup.sql:6:1 error creating-index-non-concurrently',
      'drizzle/0002_rename_email.sql:1:1 error renaming-column',
      'drizzle/0002_rename_email.sql:3:1 warning unused-suppression',
    ]);
  });

  it('JSON output is byte-for-byte the same across runs', () => {
    const a = runCli(['drizzle', '--format', 'json'], { cwd: FINDINGS });
    const b = runCli(['drizzle', '--format', 'json'], { cwd: FINDINGS });
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).summary).toEqual({ files: 3, statements: 7, errors: 3, warnings: 2, suppressed: 1 });
  });
});
