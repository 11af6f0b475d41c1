import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The folder CI tools resolve report paths against: the checkout in GitHub Actions and GitLab CI,
 * which differs from the working directory when the linter runs in a monorepo package.
 */
export function ciRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(cwd, env.GITHUB_WORKSPACE || env.CI_PROJECT_DIR || '.');
}

/** A result path (relative to cwd) made relative to `root`; unchanged when the file is outside it. */
export function pathFromRoot(filePath: string, cwd: string, root: string | undefined): string {
  if (!root || resolve(root) === resolve(cwd)) return filePath;
  const rel = relative(root, resolve(cwd, filePath));
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return filePath;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
