import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Journal, JournalEntry } from './types.js';

/**
 * Reads `meta/_journal.json`; undefined when there is none or it cannot be used (then `onProblem`
 * hears why, unless the file simply does not exist).
 */
export function readJournal(dir: string, onProblem?: (path: string, problem: string) => void): Journal | undefined {
  const path = join(dir, 'meta', '_journal.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') onProblem?.(path, `cannot read the journal (${code ?? (e as Error).message})`);
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { dialect?: string; entries?: unknown } | null;
    if (!data || typeof data !== 'object' || !Array.isArray(data.entries)) {
      onProblem?.(path, 'not a drizzle-kit journal (expected an object with an "entries" array)');
      return undefined;
    }
    const entries = data.entries.filter(
      (e): e is JournalEntry => !!e && typeof e === 'object' && typeof (e as JournalEntry).tag === 'string',
    );
    return { path, dialect: data.dialect, entries, text };
  } catch (e) {
    onProblem?.(path, `not valid JSON (${(e as Error).message})`);
    return undefined;
  }
}
