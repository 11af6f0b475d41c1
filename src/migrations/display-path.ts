import { relative, sep } from 'node:path';

/** A path as findings and messages show it: relative to the working folder, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  // Asked for the same files several times a run (discovery, cache, findings); relative() is not cheap.
  if (cwd !== memoCwd || memo.size > MEMO_LIMIT) {
    memo.clear();
    memoCwd = cwd;
  }
  let shown = memo.get(path);
  if (shown === undefined) {
    const rel = relative(cwd, path) || path;
    shown = sep === '/' ? rel : rel.split(sep).join('/');
    memo.set(path, shown);
  }
  return shown;
}

/** Bounded, for long-lived processes that use the API. */
const MEMO_LIMIT = 50_000;
let memoCwd: string | undefined;
const memo = new Map<string, string>();
