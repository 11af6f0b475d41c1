import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { lintProject } from '../../src/app/lint-project.js';
import { UsageError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'migrationlint-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh project folder (with a package.json so the search stops there) holding the given files. */
function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir, { recursive: true });
  if (!('package.json' in files)) writeFileSync(join(dir, 'package.json'), '{"name":"p","private":true}');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const SETTINGS = { preset: 'strict', rules: { 'dropping-table': 'warn' }, postgresVersion: 16 };
const json = JSON.stringify(SETTINGS);
const yaml = 'preset: strict\nrules:\n  dropping-table: warn\npostgresVersion: 16\n';
const esm = `export default ${json};\n`;
const cjs = `module.exports = ${json};\n`;
const ts = `type Setting = 'off' | 'warn' | 'error';\nconst rules: Record<string, Setting> = { 'dropping-table': 'warn' };\nexport default { preset: 'strict' as const, rules, postgresVersion: 16 satisfies number };\n`;

describe('config search (module name migrationlint)', () => {
  const places: Array<[string, string]> = [
    ['.migrationlintrc', json],
    ['.migrationlintrc', yaml],
    ['.migrationlintrc.json', json],
    ['.migrationlintrc.yaml', yaml],
    ['.migrationlintrc.yml', yaml],
    ['.migrationlintrc.js', esm],
    ['.migrationlintrc.cjs', cjs],
    ['.migrationlintrc.mjs', esm],
    ['migrationlint.config.js', esm],
    ['migrationlint.config.mjs', esm],
    ['migrationlint.config.cjs', cjs],
    ['migrationlint.config.ts', ts],
    ['package.json', JSON.stringify({ name: 'p', migrationlint: SETTINGS })],
  ];
  for (const [name, text] of places) {
    it(`finds ${name}${name === '.migrationlintrc' ? (text === yaml ? ' (YAML)' : ' (JSON)') : ''}`, async () => {
      const dir = project({ [name]: text });
      const loaded = await loadConfig(dir);
      expect(loaded.filepath).toBe(join(dir, name));
      expect(loaded.config).toEqual(SETTINGS);
    });
  }

  it('finds the config of the project root from a subfolder', async () => {
    const dir = project({ '.migrationlintrc.json': json, 'db/drizzle/0000_a.sql': 'SELECT 1;' });
    expect((await loadConfig(join(dir, 'db', 'drizzle'))).filepath).toBe(join(dir, '.migrationlintrc.json'));
  });

  it('finds the config of a monorepo root from a package with its own package.json', async () => {
    const dir = project({ '.migrationlintrc.json': json, 'packages/db/package.json': '{"name":"db"}' });
    expect(await loadConfig(join(dir, 'packages', 'db'))).toEqual({ config: SETTINGS, filepath: join(dir, '.migrationlintrc.json'), shown: '../../.migrationlintrc.json' });
  });

  it('prefers the nearest config', async () => {
    const dir = project({ '.migrationlintrc.json': '{"preset":"all"}', 'packages/db/package.json': JSON.stringify({ name: 'db', migrationlint: SETTINGS }) });
    expect(await loadConfig(join(dir, 'packages', 'db'))).toEqual({ config: SETTINGS, filepath: join(dir, 'packages', 'db', 'package.json'), shown: 'package.json' });
  });

  it('uses no config when there is none', async () => {
    expect(await loadConfig(project({}))).toEqual({ config: {}, filepath: undefined });
  });

  it('loads the file given with -c instead of searching', async () => {
    const dir = project({ '.migrationlintrc.json': '{"preset":"all"}', 'conf/lint.yaml': yaml });
    const loaded = await loadConfig(dir, 'conf/lint.yaml');
    expect(loaded).toEqual({ config: SETTINGS, filepath: join(dir, 'conf', 'lint.yaml'), shown: 'conf/lint.yaml' });
  });

  it('applies the config to a lint run, with CLI options winning', async () => {
    const dir = project({ '.migrationlintrc.json': '{"rules":{"dropping-table":"warn"}}', 'drizzle/0000_a.sql': 'DROP TABLE "a";' });
    const run = await lintProject({ cwd: dir });
    expect(run.configPath).toBe(join(dir, '.migrationlintrc.json'));
    const droppingTable = (r: typeof run) => r.result.results[0].messages.filter((m) => m.ruleId === 'dropping-table').map((m) => m.severity);
    expect(droppingTable(run)).toEqual(['warning']);
    expect(droppingTable(await lintProject({ cwd: dir, rules: { 'dropping-table': 'error' } }))).toEqual(['error']);
    expect(droppingTable(await lintProject({ cwd: dir, rules: { 'dropping-table': 'off' } }))).toEqual([]);
  });

  it('reads the default folder from `dir`', async () => {
    const dir = project({ '.migrationlintrc.json': '{"dir":"db/migrations"}', 'db/migrations/0000_a.sql': 'DROP TABLE "a";' });
    const run = await lintProject({ cwd: dir });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['db/migrations/0000_a.sql']);
  });
});

describe('config errors: one line naming the file (relative to the working folder), the key and what is allowed', () => {
  const error = async (files: Record<string, string>, explicit?: string) => {
    const dir = project(files);
    try {
      await lintProject({ cwd: dir, configFile: explicit, paths: [dir] });
    } catch (e) {
      const message = (e as Error).message;
      expect(e).toBeInstanceOf(UsageError);
      expect(message).not.toContain('\n');
      return message.replaceAll(dir, '<dir>');
    }
    throw new Error('expected an error');
  };

  it('names an unknown key and lists the allowed ones', async () => {
    expect(await error({ '.migrationlintrc.json': '{"preset":"all","rulez":{}}' })).toBe(
      '.migrationlintrc.json: rulez: unknown key "rulez"; allowed keys: preset, rules, runner, postgresVersion, lockTimeoutSetByRunner, requireSuppressionReason, cache, maxFileSize, dir, since, baseline',
    );
  });

  it('names a bad enum value and the allowed values', async () => {
    expect(await error({ '.migrationlintrc.yaml': 'preset: strictest\n' })).toBe(
      '.migrationlintrc.yaml: preset: "strictest" is not allowed; use one of "recommended", "strict", "all"',
    );
    expect(await error({ '.migrationlintrc.json': '{"rules":{"dropping-table":"warning"}}' })).toBe(
      '.migrationlintrc.json: rules.dropping-table: "warning" is not allowed; use one of "off", "warn", "error"',
    );
  });

  it('names a value of the wrong type', async () => {
    expect(await error({ 'package.json': JSON.stringify({ name: 'p', migrationlint: { postgresVersion: '16' } }) })).toMatch(
      /^package\.json: postgresVersion: Expected number, received string$/,
    );
    expect(await error({ '.migrationlintrc.json': '{"requireSuppressionReason":"yes"}' })).toMatch(/^\.migrationlintrc\.json: requireSuppressionReason: Expected boolean/);
  });

  it('names an unknown rule id', async () => {
    expect(await error({ '.migrationlintrc.json': '{"rules":{"no-such-rule":"error"}}' })).toBe(
      '.migrationlintrc.json: rules: unknown rule "no-such-rule" (run `drizzle-migration-lint rules` for the list)',
    );
  });

  it('names a file that cannot be parsed', async () => {
    expect(await error({ '.migrationlintrc.json': '{"preset": ' })).toMatch(/^\.migrationlintrc\.json: cannot be read: /);
    expect(await error({ '.migrationlintrc.yml': 'preset: [\n' })).toMatch(/^\.migrationlintrc\.yml(:\d+:\d+)?: cannot be read: /);
  });

  it('names a -c file that does not exist', async () => {
    expect(await error({}, 'nope.json')).toBe('nope.json: config file not found');
  });
});

describe('migrationlint.config.ts without TypeScript installed', () => {
  it('says what to install, naming the file', async () => {
    const { findTypeScript } = await import('../../src/config/load-ts.js');
    const dir = project({ 'migrationlint.config.ts': ts });
    const config = join(dir, 'migrationlint.config.ts');
    await expect(findTypeScript(config, [config])).rejects.toThrow(
      `${config}: a TypeScript config needs the "typescript" package in your project (npm install -D typescript); or name it migrationlint.config.mjs`,
    );
    await expect(findTypeScript(config)).resolves.toHaveProperty('transpileModule');
  });
});
