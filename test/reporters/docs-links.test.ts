import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { docsBase, repositoryWebUrl } from '../../src/app/docs-links.js';
import { CLI, REPO } from '../helpers/cli-process.js';

/**
 * Docs links point at the docs pages of the package that runs, as packaged (src/app/docs-links.ts):
 * the repository at this version's tag when package.json names one, the Action's own repository at
 * its ref, else the page shipped inside the installed package.
 */
const root = pathToFileURL(`${REPO}/`);

describe('the docs base', () => {
  it.each([
    ['github:owner/name', 'https://github.com/owner/name'],
    ['owner/name', 'https://github.com/owner/name'],
    ['gitlab:group/name', 'https://gitlab.com/group/name'],
    ['git+https://github.com/owner/name.git', 'https://github.com/owner/name'],
    ['https://user@github.com/owner/name', 'https://github.com/owner/name'],
    ['git://github.com/owner/name.git', 'https://github.com/owner/name'],
    ['git@github.com:owner/name.git', 'https://github.com/owner/name'],
    ['git+ssh://git@github.com/owner/name.git', 'https://github.com/owner/name'],
  ])('repository %s is %s', (repository, web) => {
    expect(repositoryWebUrl(repository)).toBe(web);
  });

  it('is undefined for what is not a repository address', () => {
    for (const r of [undefined, '', 'file:../x', { directory: 'x' }]) expect(repositoryWebUrl(r)).toBeUndefined();
  });

  it("with a repository: its docs at this version's tag, in the package's directory; GitLab's blob path", () => {
    expect(docsBase({ version: '1.2.3', repository: 'github:o/n' }, root)).toBe('https://github.com/o/n/blob/v1.2.3/docs/');
    expect(docsBase({ version: '1.2.3', repository: { url: 'git+https://github.com/o/mono.git', directory: 'packages/lint/' } }, root)).toBe('https://github.com/o/mono/blob/v1.2.3/packages/lint/docs/');
    expect(docsBase({ version: '1.2.3', repository: 'https://gitlab.com/g/n.git' }, root)).toBe('https://gitlab.com/g/n/-/blob/v1.2.3/docs/');
  });

  it('without one: the docs folder inside the installed package', () => {
    expect(docsBase({ version: '1.2.3' }, root)).toBe(new URL('docs/', root).href);
  });

  it('DRIZZLE_MIGRATION_LINT_DOCS_URL (set by the Action) wins when it is an http(s) URL', () => {
    expect(docsBase({ version: '1.2.3', repository: 'o/n' }, root, { DRIZZLE_MIGRATION_LINT_DOCS_URL: 'https://github.com/a/b/blob/v2/docs' })).toBe('https://github.com/a/b/blob/v2/docs/');
    expect(docsBase({ version: '1.2.3' }, root, { DRIZZLE_MIGRATION_LINT_DOCS_URL: 'javascript:alert(1)' })).toBe(new URL('docs/', root).href);
  });
});

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const saas = join(REPO, 'examples', 'saas');

/** The built CLI, from `pkg` (a package folder), in examples/saas. */
function run(pkg: string, args: string[], env: Record<string, string> = {}) {
  const clean: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!('DRIZZLE_MIGRATION_LINT_DOCS_URL' in env)) delete clean.DRIZZLE_MIGRATION_LINT_DOCS_URL;
  return spawnSync(process.execPath, [join(pkg, 'dist', 'cli.cjs'), ...args], { cwd: saas, encoding: 'utf8', env: clean });
}

/** A copy of the built package (dist, docs, package.json changed by `edit`), its dependencies linked. */
function packageCopy(edit: (pkg: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'dml-docs-links-'));
  made.push(dir);
  cpSync(join(REPO, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(REPO, 'docs'), join(dir, 'docs'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  edit(pkg);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  return dir;
}

const docsUrls = (stdout: string) => [...new Set((JSON.parse(stdout) as { results: { messages: { docsUrl: string }[] }[] }).results.flatMap((r) => r.messages.map((m) => m.docsUrl)))];

describe.skipIf(!existsSync(CLI))('links in every format', () => {
  it('this package (no repository): the pages shipped in it, which exist — json, markdown, SARIF, GitHub annotations', () => {
    const json = run(REPO, ['--format', 'json']);
    const urls = docsUrls(json.stdout);
    expect(urls).toContain(new URL('docs/rules/adding-not-null-column.md', root).href);
    for (const url of urls) expect(existsSync(fileURLToPath(url)), url).toBe(true);
    expect(run(REPO, ['--format', 'markdown']).stdout).toContain(`| [\`adding-not-null-column\`](${new URL('docs/rules/adding-not-null-column.md', root).href}) | error | 1 |`);
    const sarif = JSON.parse(run(REPO, ['--format', 'sarif']).stdout);
    expect(sarif.runs[0].tool.driver.informationUri).toBe(new URL('README.md', root).href);
    expect(sarif.runs[0].tool.driver.rules[0].helpUri).toBe(new URL(`docs/rules/${sarif.runs[0].tool.driver.rules[0].id}.md`, root).href);
    expect(run(REPO, ['--format', 'github']).stdout).toContain(new URL('docs/rules/adding-not-null-column.md', root).href);
  });

  it('a package whose package.json names its repository: that repository at the version tag', () => {
    const pkg = packageCopy((p) => {
      p.version = '9.8.7';
      p.repository = { type: 'git', url: 'git+https://github.com/someone/drizzle-migration-lint.git' };
    });
    const page = 'https://github.com/someone/drizzle-migration-lint/blob/v9.8.7/docs/rules/adding-not-null-column.md';
    expect(docsUrls(run(pkg, ['--format', 'json']).stdout)).toContain(page);
    expect(run(pkg, ['--format', 'markdown']).stdout).toContain(`](${page})`);
    const sarif = JSON.parse(run(pkg, ['--format', 'sarif']).stdout);
    expect(sarif.runs[0].tool.driver.informationUri).toBe('https://github.com/someone/drizzle-migration-lint');
    expect(sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'adding-not-null-column').helpUri).toBe(page);
  });

  it("the GitHub Action: its own repository's docs at the ref the workflow uses", () => {
    const outputs = join(mkdtempSync(join(tmpdir(), 'dml-docs-action-')), 'out');
    made.push(join(outputs, '..'));
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ACTION_PATH: REPO, ACTION_REPOSITORY: 'someone/dml-action', ACTION_REF: 'v1', GITHUB_SERVER_URL: 'https://github.com', GITHUB_OUTPUT: outputs, INPUT_DIR: 'drizzle', INPUT_FORMAT: 'markdown' };
    delete env.DRIZZLE_MIGRATION_LINT_DOCS_URL;
    const r = spawnSync('bash', [join(REPO, 'action', 'run.sh')], { cwd: saas, env, encoding: 'utf8' });
    expect(r.stdout).toContain('| [`adding-not-null-column`](https://github.com/someone/dml-action/blob/v1/docs/rules/adding-not-null-column.md) | error | 1 |');
    // Without what GitHub tells a composite action (a local `uses: ./`), the package's own scheme.
    const local = spawnSync('bash', [join(REPO, 'action', 'run.sh')], { cwd: saas, env: { ...env, ACTION_REPOSITORY: '', ACTION_REF: '' }, encoding: 'utf8' });
    expect(local.stdout).toContain(`](${new URL('docs/rules/adding-not-null-column.md', root).href})`);
  });
});
