import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes migrations to a throwaway drizzle folder; returns its path and a cleanup. */
export function tempMigrations(files: Record<string, string>): { dir: string; path: (name: string) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'verify-'));
  const dir = join(root, 'drizzle');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(root, { recursive: true, force: true }) };
}
