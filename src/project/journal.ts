import { join } from 'node:path';
import { SourceFile, type Location } from '../sql/source-file.js';
import { JsonSyntaxError, jsonNestingOver, parseJsonWithPositions, type JsonNode } from './json-positions.js';
import { DEFAULT_MAX_FILE_MB, InputFileError, megabytesToBytes, readInputText } from './read-input-file.js';
import type { Journal, JournalEntry } from '../migrations/types.js';

export const JOURNAL_PATH = join('meta', '_journal.json');

/** drizzle-kit writes a journal 3 levels deep; a deeper one is not a journal, and reading its positions recurses per level. */
const MAX_JOURNAL_NESTING = 64;

export type JournalRead = { journal: Journal } | { problem: string; path: string } | undefined;

/**
 * Reads `meta/_journal.json`. Undefined when there is none; a problem when it exists but drizzle could
 * not use it either (bad JSON, no `entries` array). Entry positions (for findings) are worked out on
 * first use: most runs report nothing in the journal, and reading positions costs ten times JSON.parse.
 */
export function readJournal(dir: string): JournalRead {
  const path = join(dir, JOURNAL_PATH);
  let text: string;
  try {
    text = readInputText(path, megabytesToBytes(DEFAULT_MAX_FILE_MB));
  } catch (e) {
    // No journal: a plain folder. Any other failure (meta/ or the journal a folder, a FIFO, a device,
    // an LFS pointer, too large) stops drizzle-kit migrate as well, so it must not pass as "no journal".
    if (e instanceof InputFileError && e.code === 'ENOENT') return undefined;
    return { path, problem: `unreadable: ${(e as Error).message}` };
  }
  if (jsonNestingOver(text, MAX_JOURNAL_NESTING)) return { path, problem: `not a drizzle-kit journal (nested more than ${MAX_JOURNAL_NESTING} levels deep)` };
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { path, problem: `not valid JSON (${syntaxError(path, text, e as Error)})` };
  }
  const items = isObject(root) ? root.entries : undefined;
  if (!Array.isArray(items)) return { path, problem: 'not a drizzle-kit journal (no "entries" array)' };

  let nodes: JsonNode[] | undefined;
  let file: SourceFile | undefined;
  /** Where the i-th item of `entries` is: the text is read again, with positions, on the first ask. */
  const locate = (i: number, key?: string): Location | undefined => {
    if (!nodes) {
      const parsed = parseJsonWithPositions(text);
      const list = parsed.type === 'object' ? parsed.members.get('entries') : undefined;
      nodes = list?.type === 'array' ? list.items : [];
      file = new SourceFile(path, text);
    }
    const item = nodes[i];
    const node = key === undefined ? item : item?.type === 'object' ? item.members.get(key) : undefined;
    return node ? file!.location(node.start, node.end) : undefined;
  };
  const entries: JournalEntry[] = [];
  items.forEach((raw: unknown, i) => {
    if (!isObject(raw) || typeof raw.tag !== 'string') return;
    entries.push({
      idx: typeof raw.idx === 'number' ? raw.idx : NaN,
      ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
      when: typeof raw.when === 'number' ? raw.when : NaN,
      tag: raw.tag,
      ...(typeof raw.breakpoints === 'boolean' ? { breakpoints: raw.breakpoints } : {}),
      get at() {
        return locate(i)!;
      },
      get idxAt() {
        return locate(i, 'idx');
      },
      get whenAt() {
        return locate(i, 'when');
      },
      get tagAt() {
        return locate(i, 'tag');
      },
    });
  });
  const dialect = (root as Record<string, unknown>).dialect;
  return { journal: { path, dialect: typeof dialect === 'string' ? dialect : undefined, entries, text } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse's verdict, placed: our reader accepts exactly what JSON.parse does and knows the offset. */
function syntaxError(path: string, text: string, parseError: Error): string {
  try {
    parseJsonWithPositions(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const at = new SourceFile(path, text).position(e.offset);
      return `${e.message} at line ${at.line}, column ${at.column}`;
    }
  }
  return `${parseError.message} at line 1, column 1`;
}
