import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { committedDrizzleRepo, git, journal, writeFiles } from '../helpers/temp-project.js';

/**
 * What users install and run outside this repo: the npm tarball, the GitHub Action's script and the
 * pre-commit hook. These run the built dist/ (one file, so only one build happens at a time).
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** `npm test` builds before running; a bare `vitest run` after editing src/ gets a build here. */
function ensureFreshDist(): void {
  let built = 0;
  try {
    built = statSync(join(repo, 'dist/cli.cjs')).mtimeMs;
  } catch {
    /* not built yet */
  }
  if (built < newestMtime(join(repo, 'src'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, env: cleanEnv(), stdio: 'ignore' });
}

beforeAll(ensureFreshDist, 120_000);
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

/** The child npm must not inherit settings of an `npm test` that runs this file. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'GITHUB_ACTIONS' && k !== 'INIT_CWD') env[k] = v;
  return { ...env, NO_COLOR: '1' };
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm pack', () => {
  it('installs from the tarball into an empty folder and runs', { timeout: 240_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), 'dml-pack-'));
    // dist/ is fresh (beforeAll); --ignore-scripts skips prepack's second build.
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], repo)) as {
      filename: string;
      size: number;
      files: { path: string }[];
    }[];
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/cli.cjs', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/reporters/sarif.js', 'docs/rules/adding-not-null-column.md']));
    const unwanted = paths.filter((p) => /^(src|test|examples|bench|scripts|\.ci)\/|fixtures|\.test\.|\.tgz$|^action\.yml$/.test(p));
    expect(unwanted).toEqual([]);
    // 652 kB packed at the merge of fix/status/drift/down: the CLI bundle (~770 kB unpacked) and the
    // CommonJS entry (dist/index.cjs, ~440 kB) are most of it. The bound catches a stray folder.
    expect(packed.size).toBeLessThan(800_000);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    npm(['install', join(work, packed.filename), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], app);

    const npx = (args: string[]) => spawnSync('npx', ['--no-install', 'drizzle-migration-lint', ...args], { cwd: app, env: cleanEnv(), encoding: 'utf8' });
    const v = npx(['--version']);
    expect(v.stderr).not.toMatch(/error/i);
    expect(v.stdout.trim()).toBe(version);

    cpSync(join(repo, 'examples/saas/drizzle'), join(app, 'drizzle'), { recursive: true });
    const run = npx(['--format', 'json']);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    // The installed package gives exactly what this checkout's code gives.
    const local = spawnSync(process.execPath, [join(repo, 'dist/cli.cjs'), '--format', 'json'], { cwd: app, env: cleanEnv(), encoding: 'utf8' });
    // Docs links point into each package's own docs/ (no `repository` in package.json: src/app/docs-links.ts).
    const installedDocs = pathToFileURL(join(app, 'node_modules', 'drizzle-migration-lint', 'docs') + '/').href;
    expect(run.stdout).toContain(`${installedDocs}rules/adding-not-null-column.md`);
    expect(JSON.parse(run.stdout.split(installedDocs).join(pathToFileURL(join(repo, 'docs') + '/').href))).toEqual(JSON.parse(local.stdout));
    expect(result.summary.files).toBe(5);
    expect(result.results[1].messages).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'adding-not-null-column', line: 1, column: 32 })]));

    const explain = npx(['explain', 'adding-not-null-column']);
    expect(explain.stdout).toContain('## Safe alternative');

    const api = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import { lint, RULES } from 'drizzle-migration-lint'; const r = await lint({ paths: ['drizzle'] }); console.log(r.summary.errors, RULES.length > 5);"],
      { cwd: app, env: cleanEnv(), encoding: 'utf8' },
    );
    expect(api.stderr).toBe('');
    expect(api.stdout.trim()).toBe(`${result.summary.errors} true`);
  });
});

function example(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dml-action-'));
  cpSync(join(repo, 'examples/saas'), dir, { recursive: true });
  return dir;
}

function runAction(cwd: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const outputs = join(cwd, 'github-output.txt');
  writeFileSync(outputs, '');
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), ACTION_PATH: repo, GITHUB_OUTPUT: outputs, RUNNER_TEMP: cwd, PR_BASE_SHA: '', ...extraEnv };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const run = spawnSync('bash', [join(repo, 'action/run.sh')], { cwd, env, encoding: 'utf8' });
  const out = Object.fromEntries(readFileSync(outputs, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, outputs: out as Record<string, string> };
}

describe('GitHub Action', () => {
  const action = load(readFileSync(join(repo, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: { run?: string; uses?: string; env?: Record<string, string> }[] };
  };

  it('is a composite action with the documented inputs, all passed to its script', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['dir', 'since', 'format', 'fail-on', 'sarif']));
    expect(action.inputs.format.default).toBe('github');
    expect(action.inputs['fail-on'].default).toBe('error');
    const step = action.runs.steps[0];
    const script = readFileSync(join(repo, 'action/run.sh'), 'utf8');
    for (const input of Object.keys(action.inputs).filter((i) => i !== 'working-directory')) {
      const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
      expect(step.env![variable], variable).toBe(`\${{ inputs.${input} }}`);
      expect(script).toContain(variable);
    }
    expect(step.env!.PR_BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    expect(action.runs.steps[1].uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
  });

  it('annotates and fails on errors by default', () => {
    const run = runAction(example(), { format: 'github', 'fail-on': 'error', sarif: 'false' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=drizzle\/0001_add_user_timezone\.sql,line=1,.*title=adding-not-null-column::/m);
    expect(run.outputs['exit-code']).toBe('1');
  });

  it("lints only the pull request's new migrations, against its base commit", () => {
    const cwd = committedDrizzleRepo({
      '0000_users.sql': 'CREATE TABLE "users" ("id" integer PRIMARY KEY);\n',
      '0001_name.sql': 'ALTER TABLE "users" ADD COLUMN "name" text NOT NULL;\n',
    });
    const base = git(cwd, 'rev-parse', 'HEAD').trim();
    writeFiles(cwd, {
      'drizzle/0002_tz.sql': 'ALTER TABLE "users" ADD COLUMN "tz" text NOT NULL;\n',
      'drizzle/meta/_journal.json': journal(['0000_users', '0001_name', '0002_tz']),
    });
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-qm', 'pull request');
    const run = runAction(cwd, { format: 'github', 'fail-on': 'error', sarif: 'false' }, { PR_BASE_SHA: base });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const files = new Set(run.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => /file=([^,]+)/.exec(l)![1]));
    expect([...files]).toEqual(['drizzle/0002_tz.sql']);
    // An explicit `since` wins over the pull request's base.
    const all = runAction(cwd, { format: 'github', since: `${base}~0`, 'fail-on': 'error', sarif: 'false' }, { PR_BASE_SHA: 'not-a-commit' });
    expect(all.stdout).toContain('file=drizzle/0002_tz.sql');
  });

  it('writes SARIF for upload and passes with fail-on never', () => {
    const cwd = example();
    const run = runAction(cwd, { format: 'github', 'fail-on': 'never', sarif: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputs['sarif-file']).toBe(join(cwd, 'drizzle-migration-lint.sarif'));
    const results = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8')).runs[0].results as { ruleId: string }[];
    expect(results.length).toBe(run.stdout.split('\n').filter((l) => /^::(error|warning) /.test(l)).length);
    expect(results.map((r) => r.ruleId)).toContain('adding-not-null-column');
  });

  it('fail-on warning fails on warnings that fail-on error lets pass', () => {
    const cwd = example();
    const rules = Object.fromEntries(RULES.map((r) => [r.id, 'warn']));
    writeFileSync(join(cwd, '.migrationlintrc.json'), JSON.stringify({ rules }));
    expect(runAction(cwd, { format: 'text', 'fail-on': 'error', sarif: 'false' }).code).toBe(0);
    expect(runAction(cwd, { format: 'text', 'fail-on': 'warning', sarif: 'false' }).code).toBe(1);
  });

  it('writes a markdown comment to output-file and rejects a bad fail-on', () => {
    const cwd = example();
    const run = runAction(cwd, { dir: 'drizzle', format: 'markdown', 'output-file': 'comment.md', 'fail-on': 'error', sarif: 'false' });
    expect(run.code).toBe(1);
    expect(readFileSync(join(cwd, 'comment.md'), 'utf8')).toMatch(/^## drizzle-migration-lint\n/);
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
    const bad = runAction(cwd, { 'fail-on': 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('fail-on must be error, warning or never');
  });
});

describe('pre-commit hook', () => {
  it('is a node hook for .sql files that runs the package bin', () => {
    const hooks = load(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'drizzle-migration-lint', language: 'node', files: '\\.sql$' });
    expect(Object.keys(pkg.bin)).toContain(hooks[0].entry);
    // pre-commit installs a node hook with `npm pack` of the repo, where dist/ is not committed.
    expect(pkg.scripts.prepack).toContain('build');
    const files = new RegExp(hooks[0].files);
    expect(['drizzle/0001_x.sql', 'drizzle/20250101120000_x/migration.sql'].every((f) => files.test(f))).toBe(true);
    expect(['drizzle/meta/_journal.json', 'src/schema.ts'].some((f) => files.test(f))).toBe(false);
  });
});
