import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import type { FileChange } from './types.js';

/**
 * Writes every change or none: each file goes to a temporary sibling first, and only when all of them
 * are written are they renamed over the originals (a rename is atomic on one file system). A file that
 * changed since it was planned stops the write before anything is replaced. A folder a new file needs
 * (drizzle-kit 1.0's `<timestamp>_<name>/`) is made first and removed again when the write fails.
 */
export function writeAll(changes: FileChange[], show: (path: string) => string): void {
  for (const c of changes) {
    const now = existsSync(c.path) ? readFileSync(c.path, 'utf8') : undefined;
    if (c.kind === 'modify' && now !== c.before) throw new UsageError(`${show(c.path)}: changed while fix was planning; nothing written, run fix again`);
    if (c.kind === 'create' && now !== undefined) throw new UsageError(`${show(c.path)}: already exists; nothing written`);
  }
  const temps: string[] = [];
  const made: string[] = [];
  try {
    for (const c of changes) {
      const dir = dirname(c.path);
      if (!existsSync(dir)) {
        mkdirSync(dir, { recursive: true });
        made.push(dir);
      }
      const tmp = `${c.path}.fix-${process.pid}.tmp`;
      writeFileSync(tmp, c.after);
      temps.push(tmp);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    for (const d of made.reverse()) rmSync(d, { recursive: true, force: true });
    throw new UsageError(`cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing written`);
  }
  changes.forEach((c, i) => renameSync(temps[i], c.path));
}
