import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What a user gets from `npm install drizzle-migration-lint`: the packed tarball installed into an
 * empty folder (dependencies from the npm registry or its local cache only), then run through npx.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
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
    // prepack builds dist/, so the tarball always has the current code.
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repo)) as {
      filename: string;
      size: number;
      files: { path: string }[];
    }[];
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'dist/reporters/sarif.js', 'docs/rules/adding-not-null-column.md']));
    const unwanted = paths.filter((p) => /^(src|test|examples|bench|scripts|\.ci)\/|fixtures|\.test\.|\.tgz$|^action\.yml$/.test(p));
    expect(unwanted).toEqual([]);
    expect(packed.size).toBeLessThan(400_000);

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
    expect(result.summary).toMatchObject({ files: 5, errors: 5 });
    expect(result.results[1].messages[0]).toMatchObject({ ruleId: 'adding-not-null-column', line: 1, column: 32 });

    const explain = npx(['explain', 'adding-not-null-column']);
    expect(explain.stdout).toContain('## Safe alternative');

    const api = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import { lint, RULES } from 'drizzle-migration-lint'; const r = await lint({ paths: ['drizzle'] }); console.log(r.summary.errors, RULES.length > 5);"],
      { cwd: app, env: cleanEnv(), encoding: 'utf8' },
    );
    expect(api.stderr).toBe('');
    expect(api.stdout.trim()).toBe('5 true');
  });
});
