import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Journal, JournalEntry } from './types.js';

/** Reads `meta/_journal.json`; undefined when there is none or it cannot be used. */
export function readJournal(dir: string): Journal | undefined {
  const path = join(dir, 'meta', '_journal.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { dialect?: string; entries?: unknown };
    if (!Array.isArray(data.entries)) return undefined;
    const entries = data.entries.filter(
      (e): e is JournalEntry => !!e && typeof e === 'object' && typeof (e as JournalEntry).tag === 'string',
    );
    return { path, dialect: data.dialect, entries, text };
  } catch {
    return undefined;
  }
}
