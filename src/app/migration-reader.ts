import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import { parseMigration, type ParsedFile } from '../sql/parse-file.js';
import { ParserCrash } from '../sql/parser.js';
import { DEFAULT_MAX_FILE_MB, megabytesToBytes, readInputFile } from '../project/read-input-file.js';
import type { HistorySource } from './history-cache.js';

export interface ReaderOptions {
  /** The run's working folder: display paths (and the paths results show) are relative to it. */
  cwd: string;
  /** Text to use instead of a file's content, by absolute path (stdin, an editor buffer, lintTexts). */
  overrides?: Map<string, string>;
  /** Collects unreadable files, which are then skipped; without it, one stops the run. */
  inputErrors?: string[];
  /** Keep every parsed file for a caller that runs them afterwards (verify); off, each is parsed and let go. */
  keepParsed?: boolean;
  /** Files larger than this are input errors (--max-file-size); default DEFAULT_MAX_FILE_MB. */
  maxFileBytes?: number;
}

/**
 * The one reader of migration text: the linter's files, the history cache's bytes and stamps, the
 * code frames of the reporters and verify's parsed files all come from here, so stdin stands in for a
 * file everywhere and every path resolves against the run's working folder.
 */
export class MigrationReader {
  private readonly parsedFiles = new Map<string, ParsedFile>();
  private readonly frames = new Map<string, string[] | undefined>();

  constructor(private readonly options: ReaderOptions) {}

  private get maxBytes(): number {
    return this.options.maxFileBytes ?? megabytesToBytes(DEFAULT_MAX_FILE_MB);
  }

  /** Only a regular file within the size limit, never a Git LFS pointer (project/read-input-file.ts). */
  private read(path: string): string {
    return readInputFile(path, this.maxBytes).toString('utf8');
  }

  get cwd(): string {
    return this.options.cwd;
  }

  /** A file's text; undefined (after recording why) when it cannot be read and the run goes on. */
  text(path: string): string | undefined {
    const given = this.options.overrides?.get(path);
    if (given !== undefined) return given;
    try {
      return this.read(path);
    } catch (e) {
      const message = this.cannotRead(path, e);
      if (!this.options.inputErrors) throw new UsageError(message);
      this.options.inputErrors.push(message);
      return undefined;
    }
  }

  /** A migration file parsed, its path shown as `filePath` (default: relative to the working folder). */
  parsed(path: string, filePath = displayPath(path, this.cwd)): ParsedFile | undefined {
    const kept = this.parsedFiles.get(path);
    if (kept) return kept;
    const text = this.text(path);
    if (text === undefined) return undefined;
    const parsed = parseOrStop(filePath, text);
    if (this.options.keepParsed) this.parsedFiles.set(path, parsed);
    return parsed;
  }

  /** Like parsed, for a caller that cannot go on without the file: an unreadable one is a usage error. */
  required(path: string): ParsedFile {
    const kept = this.parsedFiles.get(path);
    if (kept) return kept;
    const given = this.options.overrides?.get(path);
    let text: string;
    try {
      text = given ?? this.read(path);
    } catch (e) {
      throw new UsageError(this.cannotRead(path, e));
    }
    const parsed = parseOrStop(displayPath(path, this.cwd), text);
    if (this.options.keepParsed) this.parsedFiles.set(path, parsed);
    return parsed;
  }

  /**
   * Line `line` (1-based) of a file as a result shows its path (relative to the working folder), for
   * code frames; undefined when the file cannot be read now. Each file is read and split once.
   */
  sourceLine(filePath: string, line: number): string | undefined {
    if (!this.frames.has(filePath)) {
      const path = resolve(this.cwd, filePath);
      let text = this.options.overrides?.get(path);
      try {
        text ??= this.read(path);
      } catch {
        text = undefined;
      }
      this.frames.set(filePath, text?.replace(/^\uFEFF/, '').split('\n'));
    }
    return this.frames.get(filePath)?.[line - 1]?.replace(/\r$/, '');
  }

  /**
   * A file's bytes (a given text as UTF-8), for hashing and comparing (the history cache, --since);
   * undefined when it cannot be read: a failure is left for the replay to report.
   */
  bytes(path: string): Buffer | undefined {
    const given = this.options.overrides?.get(path);
    if (given !== undefined) return Buffer.from(given, 'utf8');
    try {
      return readInputFile(path, this.maxBytes);
    } catch {
      return undefined;
    }
  }

  /** The history files as the history cache sees them; a failure is left for the replay to report. */
  historySource(): HistorySource {
    const overrides = this.options.overrides;
    return {
      // Bytes, not decoded: they are only hashed.
      read: (path) => this.bytes(path),
      stamp(path) {
        if (overrides?.has(path)) return undefined;
        try {
          const s = statSync(path, { bigint: true });
          return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`;
        } catch {
          return undefined;
        }
      },
    };
  }

  private cannotRead(path: string, e: unknown): string {
    // readInputFile's errors are one-line reasons ("not a regular file (a FIFO)", "cannot read file (ENOENT)").
    return `${displayPath(path, this.cwd)}: ${(e as Error).message}`;
  }
}

/**
 * Parses a migration; a parser that ran out of memory (or a heap too small for the tree) stops the
 * run with one line naming the file: the parser cannot be used again, and the report would be partial.
 */
function parseOrStop(filePath: string, text: string): ParsedFile {
  try {
    return parseMigration(filePath, text);
  } catch (e) {
    if (e instanceof ParserCrash) throw new UsageError(`${filePath}: ${e.message}`);
    throw e;
  }
}
