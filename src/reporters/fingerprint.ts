import { createHash } from 'node:crypto';
import type { FileResult, Message } from '../linter/result.js';

/**
 * Fingerprints that survive unrelated edits: rule, file and the statement's text with whitespace
 * collapsed (not the line, which moves when lines are added above), plus an occurrence number for
 * the same finding twice in one file. Code-scanning and merge-request tools use them to tell a new
 * finding from one they have seen before.
 */
export function fingerprints(file: FileResult, messages: readonly Message[] = file.messages): string[] {
  const seen = new Map<string, number>();
  return messages.map((m) => {
    const subject = (m.statement ?? m.message).replace(/\s+/g, ' ').trim();
    const key = [m.ruleId, file.filePath, subject].join('\0');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex');
  });
}
