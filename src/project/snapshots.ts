import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MigrationFolder } from '../migrations/types.js';
import type { SnapshotRead } from '../migrations/snapshot-lineage.js';
import { SourceFile, type Location } from '../sql/source-file.js';
import { JsonSyntaxError, jsonNestingOver, parseJsonWithPositions } from './json-positions.js';
import { DEFAULT_MAX_FILE_MB, megabytesToBytes, readInputEnds, readInputText } from './read-input-file.js';

/** drizzle-kit 0.x names a snapshot after its migration's number prefix: `meta/0007_snapshot.json`. */
export const SNAPSHOT_NAME = /^(\d+)_snapshot\.json$/;

/** The positions reader recurses per level; drizzle-kit writes snapshots about 8 levels deep. */
const MAX_NESTING = 256;

/**
 * The folder's snapshot files in migration order: 0.x `meta/NNNN_snapshot.json` (by number),
 * 1.0 `<migration>/snapshot.json` (in the folders' order).
 */
export function snapshotPaths(folder: Pick<MigrationFolder, 'dir' | 'layout' | 'files'>): string[] {
  if (folder.layout === 'folders') return folder.files.map((f) => join(dirname(f.path), 'snapshot.json')).filter((p) => existsSync(p));
  const meta = join(folder.dir, 'meta');
  let names: string[];
  try {
    names = readdirSync(meta);
  } catch {
    return [];
  }
  return names
    .filter((n) => SNAPSHOT_NAME.test(n))
    .sort((a, b) => parseInt(a) - parseInt(b) || (a < b ? -1 : 1))
    .map((n) => join(meta, n));
}

/**
 * Reads the `id` and `prevId` of each snapshot (the lineage, for journal-duplicate-index). A file that
 * is not JSON (a merge left conflict markers in it, it was cut short) is returned with the reason and
 * the place: drizzle-kit generate and check stop on it, but drizzle-kit migrate never reads snapshots,
 * so it is a finding, not an input error of the run.
 */
export function readSnapshotLinks(paths: readonly string[]): SnapshotRead[] {
  return paths.map((path): SnapshotRead => {
    try {
      const quick = headOf(readInputEnds(path, megabytesToBytes(DEFAULT_MAX_FILE_MB), HEAD_BYTES, TAIL_BYTES));
      if (quick) return { path, ...quick };
    } catch {
      /* read whole below, which names the problem */
    }
    let text: string;
    try {
      text = readInputText(path, megabytesToBytes(DEFAULT_MAX_FILE_MB));
    } catch (e) {
      return { path, problem: `unreadable: ${(e as Error).message}` };
    }
    let root: unknown;
    try {
      root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      return { path, ...jsonError(path, text, e as Error) };
    }
    if (typeof root !== 'object' || root === null || Array.isArray(root)) return { path, problem: 'not a drizzle-kit snapshot (not a JSON object)' };
    const data = root as Record<string, unknown>;
    const prevIds = Array.isArray(data.prevIds) ? data.prevIds.filter((x): x is string => typeof x === 'string') : typeof data.prevId === 'string' ? [data.prevId] : [];
    return { path, ...(typeof data.id === 'string' ? { id: data.id } : {}), prevIds };
  });
}

/**
 * drizzle-kit writes `{ "id": …, "prevId": …` first and the schema after it. The lineage of a file
 * that starts so and ends with `}` is read from its first and last bytes, without reading the rest: a
 * 200-migration project with 225 kB snapshots has 45 MB of them, about 0.3 s to read and 0.5 s to
 * parse on every run. A merge conflict in a snapshot puts its markers in the head (the two branches'
 * ids differ), so the head does not match and the file is parsed whole, which places the error;
 * damage in the middle of an otherwise well-formed file is not looked for.
 */
const HEAD_BYTES = 512;
const TAIL_BYTES = 16;
const HEAD = /^\uFEFF?\s*\{\s*"id"\s*:\s*"([^"\\\n]*)"\s*,\s*"prevId"\s*:\s*"([^"\\\n]*)"\s*,/;

function headOf(ends: { head: Buffer; tail: Buffer }): { id: string; prevIds: string[] } | undefined {
  const m = HEAD.exec(ends.head.toString('utf8'));
  if (!m || !ends.tail.toString('utf8').trimEnd().endsWith('}')) return undefined;
  return { id: m[1], prevIds: [m[2]] };
}

/** JSON.parse's verdict, placed by the positions reader (which accepts exactly what JSON.parse does). */
function jsonError(path: string, text: string, parseError: Error): { problem: string; at?: Location } {
  if (!jsonNestingOver(text, MAX_NESTING)) {
    try {
      parseJsonWithPositions(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        const file = new SourceFile(path, text);
        // The reader's offsets count a leading BOM; the source file's do not.
        const offset = e.offset - (text.charCodeAt(0) === 0xfeff ? 1 : 0);
        const at = file.position(offset);
        return { problem: `not valid JSON (${e.message} at line ${at.line}, column ${at.column})`, at: file.location(offset, offset) };
      }
    }
  }
  return { problem: `not valid JSON (${parseError.message})` };
}
