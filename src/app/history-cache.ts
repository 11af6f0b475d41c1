import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaModel, type SchemaSnapshot } from '../schema/model.js';
import type { MigrationFolder } from '../migrations/types.js';
import type { Runner } from '../migrations/types.js';
import { VERSION } from '../version.js';

/** Bumped whenever what an entry holds, or how the replay builds it, changes shape. */
const FORMAT = 4;
const CACHE_SUBDIR = join('node_modules', '.cache', 'drizzle-migration-lint');

interface Entry {
  format: number;
  /**
   * sha256 of the entry's JSON without this field: a damaged file (a bit flip, a truncated write by
   * another tool, an edit) is ignored instead of feeding the rules a schema they would crash on.
   */
  checksum?: string;
  /** Hash of the history's content: the truth. */
  key: string;
  /** Hash of the history files' size, times and inode: when it still matches, the content is not read. */
  stamps?: string;
  nextTransactionId: number;
  schema: SchemaSnapshot;
}

/** What replaying the history left behind, restored from the cache. */
export interface ReplayedHistory {
  schema: SchemaModel;
  nextTransactionId: number;
}

/**
 * How many leading files of the folder are history: every file before the first file of the first
 * batch with a reported file. No rule runs on them; they only build the schema (and advance the
 * transaction numbering), so their replay can be cached.
 */
export function historyLength(folder: MigrationFolder): number {
  const first = folder.files.find((f) => f.report);
  if (!first) return 0;
  return folder.files.findIndex((f) => f.batch === first.batch);
}

/** Where the history files' bytes come from (stdin can stand in for a file). */
export interface HistorySource {
  read(path: string): Buffer | string | undefined;
  /**
   * What identifies the file's current content without reading it (size, modification and change
   * times, inode), or undefined when only its bytes can tell (text given on stdin, an unreadable file).
   */
  stamp(path: string): string | undefined;
}

/**
 * The replayed history of one migrations folder, cached in the nearest `node_modules/.cache/` above
 * it (one entry per folder, overwritten). The key covers the tool build, the runner and, in order,
 * each history file's tag, batch and content, so any edit, insertion, reordering or re-batching
 * misses. Every failure (no node_modules, unreadable, corrupt or stale entry, failed write) means
 * only that the history is replayed: the cache never changes or fails a lint.
 *
 * Hashing the content means reading every history file on every run; as make and ESLint's cache do,
 * an entry also records the files' stamps, and while they are unchanged the files are not read. The
 * change time is in the stamp: unlike the modification time, no tool can set it back, so an edit that
 * keeps the size and restores the mtime still misses. When the stamps differ (a fresh checkout) the
 * content decides, and a hit records the new stamps.
 */
export class HistoryCache {
  private contentKey: string | null | undefined;

  private constructor(
    private readonly file: string,
    private readonly prefix: string,
    private readonly history: MigrationFolder['files'],
    private readonly source: HistorySource,
    /** Hash of the stamps, or undefined when some file has none. */
    private readonly stamps: string | undefined,
    /** The display path of each history file, by position (origins are stored as positions). */
    private readonly paths: string[],
  ) {}

  /** How many leading files of the folder the entry stands for. */
  get length(): number {
    return this.history.length;
  }

  /** Undefined when there is no history worth caching or no node_modules above the folder. */
  static open(folder: MigrationFolder, runner: Runner, source: HistorySource, displayPath: (path: string) => string): HistoryCache | undefined {
    const length = historyLength(folder);
    if (length <= 0) return undefined;
    const root = nearestNodeModules(folder.dir);
    if (!root) return undefined;
    const prefix = `${FORMAT}\0${VERSION}\0${buildId()}\0${runner}\0`;
    const history = folder.files.slice(0, length);
    const stamps = createHash('sha256').update(prefix);
    let stamped = true;
    for (const f of history) {
      const stamp = source.stamp(f.path);
      if (stamp === undefined) {
        stamped = false;
        break;
      }
      stamps.update(`${f.tag}\0${f.batch}\0${stamp}\0`);
    }
    const name = createHash('sha256').update(folder.dir).digest('hex').slice(0, 16);
    return new HistoryCache(
      join(root, CACHE_SUBDIR, `${name}.json`),
      prefix,
      history,
      source,
      stamped ? stamps.digest('hex') : undefined,
      history.map((f) => displayPath(f.path)),
    );
  }

  /** Hash of the history's content; null when a file cannot be read (the replay then reports it). */
  private key(): string | null {
    if (this.contentKey !== undefined) return this.contentKey;
    const hash = createHash('sha256').update(this.prefix);
    for (const f of this.history) {
      const bytes = this.source.read(f.path);
      if (bytes === undefined) return (this.contentKey = null);
      hash.update(`${f.tag}\0${f.batch}\0${Buffer.byteLength(bytes)}\0`).update(bytes);
    }
    return (this.contentKey = hash.digest('hex'));
  }

  /** The cached replay of exactly this history, or undefined. */
  restore(): ReplayedHistory | undefined {
    try {
      if (!existsSync(this.file)) return undefined;
      const entry = JSON.parse(readFileSync(this.file, 'utf8')) as Entry;
      if (!isEntry(entry)) return undefined;
      const sameStamps = this.stamps !== undefined && entry.stamps === this.stamps;
      if (!sameStamps && entry.key !== this.key()) return undefined;
      const schema = SchemaModel.fromJSON(entry.schema, (o) => {
        const [file, batch] = o as [number, number];
        const path = this.paths[file];
        if (path === undefined || !Number.isInteger(batch)) throw new Error('origin outside the history');
        return { file: path, batch };
      });
      if (!sameStamps && this.stamps !== undefined) this.write({ ...entry, stamps: this.stamps });
      return { schema, nextTransactionId: entry.nextTransactionId };
    } catch {
      return undefined;
    }
  }

  /** Stores the state after the history. */
  save(schema: SchemaModel, nextTransactionId: number): void {
    const index = new Map(this.paths.map((p, i) => [p, i]));
    try {
      const key = this.key();
      if (key === null) return;
      this.write({
        format: FORMAT,
        key,
        ...(this.stamps !== undefined ? { stamps: this.stamps } : {}),
        nextTransactionId,
        schema: schema.toJSON((o) => {
          const file = index.get(o.file);
          if (file === undefined) throw new Error('origin outside the history');
          return [file, o.batch];
        }),
      });
    } catch {
      // Not cached this time.
    }
  }

  /** Writes an entry atomically: a reader sees the old entry or the new one. */
  private write(entry: Entry): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const { checksum: _, ...content } = entry;
      writeFileSync(temp, JSON.stringify({ ...content, checksum: checksumOf(content) }));
      renameSync(temp, this.file);
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was written.
      }
    }
  }
}

function checksumOf(content: Omit<Entry, 'checksum'>): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `[name, object][]`, the shape of every map in a snapshot. */
const isEntries = (v: unknown): v is [string, Record<string, unknown>][] =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isObject(e[1]));
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * An intact entry of this format: its checksum matches (JSON.parse keeps the key order, so the
 * content stringifies as it was written) and it has the snapshot's shape down to each table's maps.
 */
function isEntry(entry: unknown): entry is Entry {
  if (!isObject(entry) || entry.format !== FORMAT || typeof entry.key !== 'string' || !Number.isInteger(entry.nextTransactionId)) return false;
  const { checksum, ...content } = entry as unknown as Entry;
  if (typeof checksum !== 'string' || checksum !== checksumOf(content)) return false;
  const s = entry.schema;
  if (!isObject(s) || !isEntries(s.tables) || !isEntries(s.indexes) || !isEntries(s.enums) || !isEntries(s.domains)) return false;
  if (!isStrings(s.schemas) || !isStrings(s.goneIndexes)) return false;
  if (!Array.isArray(s.indexKeysByTable) || !s.indexKeysByTable.every((e) => Array.isArray(e) && typeof e[0] === 'string' && isStrings(e[1]))) return false;
  return s.tables.every(([, t]) => isEntries(t.columns) && isEntries(t.constraints) && isEntries(t.policies) && t.columns.every(([, c]) => isObject(c.type)));
}

/** The nearest existing node_modules folder at or above `dir` (babel's, eslint-loader's and vite's convention). */
function nearestNodeModules(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (statSync(join(d, 'node_modules')).isDirectory()) return d;
    } catch {
      // Not here; look further up.
    }
    if (dirname(d) === d) return undefined;
  }
}

/** Identifies the running build, so that a rebuilt linter of the same version does not trust old entries. */
let build: string | undefined;
function buildId(): string {
  if (build === undefined) {
    try {
      const s = statSync(fileURLToPath(import.meta.url));
      build = `${s.size}:${s.mtimeMs}`;
    } catch {
      build = '';
    }
  }
  return build;
}
