import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '../sql/source-file.js';
import { JsonSyntaxError, parseJsonWithPositions, plain, type JsonNode } from './json-positions.js';
import type { Journal, JournalEntry } from './types.js';

export const JOURNAL_PATH = join('meta', '_journal.json');

export type JournalRead = { journal: Journal } | { problem: string; path: string } | undefined;

/**
 * Reads `meta/_journal.json` with the position of every entry. Undefined when there is none; a
 * problem when it exists but drizzle could not use it either (bad JSON, no `entries` array).
 */
export function readJournal(dir: string): JournalRead {
  const path = join(dir, JOURNAL_PATH);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const file = new SourceFile(path, text);
  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text);
  } catch (e) {
    const at = e instanceof JsonSyntaxError ? file.position(e.offset) : { line: 1, column: 1 };
    return { path, problem: `not valid JSON (${(e as Error).message} at line ${at.line}, column ${at.column})` };
  }
  const entriesNode = root.type === 'object' ? root.members.get('entries') : undefined;
  if (entriesNode?.type !== 'array') return { path, problem: 'has no "entries" array' };
  const loc = (n: JsonNode | undefined) => (n ? file.location(n.start, n.end) : undefined);
  const entries: JournalEntry[] = [];
  for (const item of entriesNode.items) {
    if (item.type !== 'object') continue;
    const raw = plain(item) as Record<string, unknown>;
    if (typeof raw.tag !== 'string') continue;
    entries.push({
      idx: typeof raw.idx === 'number' ? raw.idx : NaN,
      ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
      when: typeof raw.when === 'number' ? raw.when : NaN,
      tag: raw.tag,
      ...(typeof raw.breakpoints === 'boolean' ? { breakpoints: raw.breakpoints } : {}),
      at: loc(item)!,
      idxAt: loc(item.members.get('idx')),
      whenAt: loc(item.members.get('when')),
      tagAt: loc(item.members.get('tag')),
    });
  }
  const dialect = root.type === 'object' ? plain(root.members.get('dialect')) : undefined;
  return { journal: { path, dialect: typeof dialect === 'string' ? dialect : undefined, entries, text } };
}
