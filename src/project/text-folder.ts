import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { folderOfFile, loadFolder } from './discover.js';
import type { MigrationFolder } from './types.js';

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The folder for a migration whose text comes from elsewhere (an editor buffer on stdin): the file
 * need not exist yet; its folder, when it exists, is replayed as history so the schema is right.
 */
export function folderForText(path: string, cwd: string): MigrationFolder {
  const abs = resolve(cwd, path);
  if (!abs.endsWith('.sql')) throw new UsageError(`--stdin-filename ${path}: must name a .sql migration file`);
  const dir = folderOfFile(abs);
  if (isDirectory(dir)) return loadFolder(dir, new Set([abs]));
  return { dir, layout: 'plain', files: [{ path: abs, tag: basename(abs, '.sql'), batch: 0, report: true }] };
}
