import { relative, sep } from 'node:path';

/** A path as findings and messages show it: relative to the working folder, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path) || path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
