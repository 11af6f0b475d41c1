import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export const CREATE = 'CREATE TABLE "users" ("id" integer PRIMARY KEY);\n';
export const DROP = 'ALTER TABLE "users" DROP COLUMN "id";\n';

/**
 * Project folders for the fault tests under one temporary root (made before, removed after the file's
 * tests): `project(name)` has drizzle/0000_init.sql and drizzle/0001_drop.sql (which has a finding);
 * `extra` damages it.
 */
export function faultProjects(prefix: string) {
  const state = { root: '' };
  beforeAll(() => {
    state.root = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(state.root, { recursive: true, force: true }));
  const project = (name: string, extra: (dir: string) => void = () => {}): string => {
    const dir = join(state.root, name);
    mkdirSync(join(dir, 'drizzle', 'meta'), { recursive: true });
    writeFileSync(join(dir, 'drizzle', '0000_init.sql'), CREATE);
    writeFileSync(join(dir, 'drizzle', '0001_drop.sql'), DROP);
    extra(dir);
    return dir;
  };
  return { project, root: () => state.root };
}
