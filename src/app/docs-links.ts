import { PACKAGE_JSON, PACKAGE_ROOT, type PackageJson } from '../version.js';

/**
 * Where every docs link the tool prints points (findings' docsUrl, SARIF helpUri and informationUri,
 * markdown and GitHub annotations, status/drift/down): the docs pages of the package that is running,
 * as it was packaged. Decided once, in this order:
 * 1. DRIZZLE_MIGRATION_LINT_DOCS_URL, an http(s) URL of the docs/ folder: the GitHub Action sets it to
 *    its own repository at the ref the workflow uses (action/run.sh), when GitHub tells it both.
 * 2. package.json's `repository` on a web host: its docs/ folder at this version's tag (`v<version>`,
 *    the tag `npm version` makes), never a moving branch whose pages may describe another version.
 * 3. Otherwise the docs/ folder shipped inside the installed package (package.json `files`), as a
 *    file: URL — it exists and matches the running version, though only on this machine.
 */
export function docsBase(pkg: PackageJson, packageRoot: URL, env: NodeJS.ProcessEnv = {}): string {
  const fromEnv = env.DRIZZLE_MIGRATION_LINT_DOCS_URL;
  if (fromEnv && /^https?:\/\/[^\s]+$/.test(fromEnv)) return fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`;
  const repo = repositoryWebUrl(pkg.repository);
  if (repo) {
    const directory = typeof pkg.repository === 'object' && pkg.repository.directory ? `${pkg.repository.directory.replace(/^\/+|\/+$/g, '')}/` : '';
    const blob = /^https:\/\/gitlab\.com\//.test(repo) ? '-/blob' : 'blob';
    return `${repo}/${blob}/v${pkg.version}/${directory}docs/`;
  }
  return new URL('docs/', packageRoot).href;
}

/**
 * The web page of a package.json `repository`: a URL (git+https, git://, ssh `git@host:owner/name`)
 * or npm's shorthands (`owner/name`, `github:…`, `gitlab:…`, `bitbucket:…`); undefined for anything else.
 */
export function repositoryWebUrl(repository: PackageJson['repository']): string | undefined {
  const raw = (typeof repository === 'string' ? repository : repository?.url)?.trim();
  if (!raw) return undefined;
  const hosts: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return `https://${hosts[shorthand[1] ?? 'github']}/${shorthand[2].replace(/\.git$/, '')}`;
  const ssh = /^(?:git\+)?(?:ssh:\/\/)?git@([\w.-]+)[:/]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(raw);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const web = /^(?:git\+)?(?:https?|git):\/\/(?:[^@/]+@)?([\w.-]+(?::\d+)?)\/([^?#]+?)(?:\.git)?\/?$/.exec(raw);
  return web ? `https://${web[1]}/${web[2]}` : undefined;
}

const BASE = docsBase(PACKAGE_JSON, PACKAGE_ROOT, process.env);

/** A docs page by its path inside docs/: `status.md`, `rules/dropping-table.md`. */
export function docsPageUrl(page: string): string {
  return new URL(page, BASE).href;
}

/** A rule's docs page. */
export function ruleDocsUrl(ruleId: string): string {
  return docsPageUrl(`rules/${ruleId}.md`);
}

/** The tool's home page: the repository, else the README shipped in the package. */
export const PROJECT_URL: string = repositoryWebUrl(PACKAGE_JSON.repository) ?? new URL('README.md', PACKAGE_ROOT).href;
