import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { isLfsPointer } from './read-input-file.js';

/** What a git ref holds of some migration files. */
export interface RefState {
  /** Files (absolute working-tree paths) that do not exist at the ref: the pending ones. */
  absent: Set<string>;
  /** Files that exist at the ref with other content, with the first differing 1-based line. */
  changed: Map<string, number>;
  /**
   * Per migrations folder given: migrations the ref has that the working tree does not (absolute
   * working-tree paths), unless a file of the folder holds exactly their content (a rename).
   */
  deleted: Map<string, string[]>;
}

function git(args: string[], cwd: string, input?: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', input, maxBuffer: 512 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; status?: number };
    if (err.code === 'ENOENT') throw new UsageError('--since needs git, and git is not installed (or not on PATH); use --baseline <tag> instead');
    throw Object.assign(new Error(String(err.stderr ?? err.message).trim()), { gitFailed: true });
  }
}

function noCommitsYet(top: string): boolean {
  try {
    return git(['rev-list', '-n', '1', '--all'], top).trim() === '';
  } catch {
    return false;
  }
}

/**
 * A working-tree migration's bytes as the run reads them: from the run's one reader of migration
 * text (app/migration-reader.ts), so that stdin or an editor buffer stands in for the file here too
 * and the same size limit applies. Undefined when it cannot be read safely (a FIFO, a device, an LFS
 * pointer, too large): the lint reports that file as an input error, so here it counts as unchanged.
 */
export type ReadMigrationBytes = (path: string) => Buffer | undefined;

/** The sha256 a Git LFS pointer names (`oid sha256:<hex>`), or undefined when the text is no pointer. */
function lfsOid(blob: string): string | undefined {
  if (!isLfsPointer(Buffer.from(blob, 'utf8'))) return undefined;
  return /^oid sha256:([0-9a-f]{64})$/m.exec(blob)?.[1];
}

const gitBlobHash = (content: Buffer) => createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

/**
 * Compares migration files in the working tree with what `ref` holds, and finds the migrations of
 * `folders` that the ref has and the working tree lost. Throws a one-line UsageError when it cannot.
 */
export function compareWithRef(ref: string, files: string[], cwd: string, folders: string[], readTreeFile: ReadMigrationBytes): RefState {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch {
    throw new UsageError(`--since ${ref}: ${cwd} is not inside a git repository; use --baseline <tag> instead`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
  } catch {
    // Before the first commit HEAD names nothing yet, and no migration has been committed: all are
    // new. A pre-commit hook with --since HEAD must not block the first commit of a project.
    if (ref === 'HEAD' && noCommitsYet(top)) return { absent: new Set(files), changed: new Map(), deleted: new Map() };
    let shallow = false;
    try {
      shallow = git(['rev-parse', '--is-shallow-repository'], top).trim() === 'true';
    } catch {
      /* older git: not known */
    }
    throw new UsageError(
      shallow
        ? `--since ${ref}: not found in this shallow clone; fetch the history it needs (actions/checkout: fetch-depth: 0, or git fetch --unshallow)`
        : `--since ${ref}: no such commit, branch or tag in this repository`,
    );
  }
  const realTop = realpathSync(top);
  const inRepo = (p: string): string => {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      real = p;
    }
    const rel = relative(realTop, real);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`--since ${ref}: ${p} is outside the git repository at ${top}`);
    return sep === '/' ? rel : rel.split(sep).join('/');
  };
  const relOf = new Map<string, string>();
  for (const f of files) relOf.set(f, inRepo(f));
  const folderRel = new Map<string, string>();
  for (const d of folders) folderRel.set(d, inRepo(d));
  // One ls-tree for all files and folders: paths and blob ids at the ref.
  const atRef = new Map<string, string>();
  const dirs = [...new Set([...[...relOf.values()].map((r) => r.split('/').slice(0, -1).join('/')), ...folderRel.values()].map((d) => d || '.'))];
  if (dirs.length) {
    const out = git(['ls-tree', '-r', '-z', ref, '--', ...dirs], realTop);
    for (const rec of out.split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const [, type, hash] = rec.slice(0, tab).split(' ');
      if (type === 'blob') atRef.set(rec.slice(tab + 1), hash);
    }
  }
  const absent = new Set<string>();
  const differing: Array<{ file: string; hash: string; content: Buffer }> = [];
  const hashes = new Set<string>();
  for (const [file, rel] of relOf) {
    const hash = atRef.get(rel);
    if (!hash) {
      absent.add(file);
      continue;
    }
    const content = readTreeFile(file);
    if (!content) continue;
    const now = gitBlobHash(content);
    hashes.add(now);
    if (now !== hash) differing.push({ file, hash, content });
  }
  const deleted = new Map<string, string[]>();
  let newHashed = false;
  for (const [dir, rel] of folderRel) {
    const prefix = rel === '' ? '' : `${rel}/`;
    const gone: Array<{ path: string; hash: string }> = [];
    for (const [path, hash] of atRef) {
      if (!path.startsWith(prefix)) continue;
      const inFolder = path.slice(prefix.length);
      if (!isMigrationPath(inFolder)) continue;
      const abs = join(dir, ...inFolder.split('/'));
      if (!existsSync(abs)) gone.push({ path: abs, hash });
    }
    if (!gone.length) continue;
    // A migration moved under another name with the same content was renamed, not lost.
    if (!newHashed) {
      for (const f of absent) {
        const content = readTreeFile(f);
        if (content) hashes.add(gitBlobHash(content));
      }
    }
    newHashed = true;
    const lost = gone.filter((g) => !hashes.has(g.hash)).map((g) => g.path);
    if (lost.length) deleted.set(dir, lost);
  }
  const changed = new Map<string, number>();
  if (differing.length) {
    // Line-ending filters (core.autocrlf) make bytes differ without a real edit: compare the texts.
    const blobs = readBlobs(differing.map((d) => d.hash), realTop);
    differing.forEach((d, i) => {
      // Tracked with Git LFS: the ref holds a pointer naming the content's sha256, the working tree the content.
      const oid = lfsOid(blobs[i]);
      if (oid) {
        if (createHash('sha256').update(d.content).digest('hex') !== oid) changed.set(d.file, 1);
        return;
      }
      const line = firstDifferentLine(blobs[i], d.content.toString('utf8'));
      if (line) changed.set(d.file, line);
    });
  }
  return { absent, changed, deleted };
}

/** A migration's path inside its folder: `<tag>.sql` (0.x) or `<tag>/migration.sql` (1.0). */
function isMigrationPath(inFolder: string): boolean {
  const parts = inFolder.split('/');
  if (parts.length === 1) return parts[0].endsWith('.sql');
  return parts.length === 2 && parts[1] === 'migration.sql' && parts[0] !== 'meta';
}

function readBlobs(hashes: string[], cwd: string): string[] {
  let out: Buffer;
  try {
    // Bytes, not text: the sizes cat-file reports count bytes.
    out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: hashes.join('\n') + '\n', maxBuffer: 512 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new UsageError(`git cat-file failed: ${String(err.stderr ?? err.message).trim().split('\n')[0]}`);
  }
  const texts: string[] = [];
  let pos = 0;
  for (let k = 0; k < hashes.length; k++) {
    const nl = out.indexOf(0x0a, pos);
    const size = Number(out.subarray(pos, nl).toString('utf8').split(' ')[2]);
    texts.push(out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    pos = nl + 1 + size + 1;
  }
  return texts;
}

/** The first 1-based line where two texts differ (line endings and a BOM ignored); 0 when equal. */
export function firstDifferentLine(before: string, after: string): number {
  const a = before.replace(/^\uFEFF/, '').split(/\r?\n/);
  const b = after.replace(/^\uFEFF/, '').split(/\r?\n/);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return Math.min(i + 1, b.length);
  return 0;
}
