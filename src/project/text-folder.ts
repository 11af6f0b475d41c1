import { basename, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { assignBatches, type BaseOptions } from './batches.js';
import { folderOfFile, isDir, loadFolder } from './discover.js';
import { drizzleFactsFor } from './find-project.js';
import type { MigrationFolder } from '../migrations/types.js';

/**
 * The folder for a migration whose text comes from elsewhere (an editor buffer on stdin): the file
 * need not exist yet; its folder, when it exists, is replayed as history so the schema is right.
 */
export function folderForText(path: string, cwd: string, base: Omit<BaseOptions, 'cwd' | 'namedPaths'>): MigrationFolder {
  const abs = resolve(cwd, path);
  if (!abs.endsWith('.sql')) throw new UsageError(`--stdin-filename ${path}: must name a .sql migration file`);
  const dir = folderOfFile(abs);
  const folder: MigrationFolder = isDir(dir)
    ? loadFolder(dir, new Set([abs]), drizzleFactsFor(dir, cwd))
    : { dir, layout: 'plain', files: [{ path: abs, tag: basename(abs, '.sql'), batch: 0, report: true }] };
  assignBatches([folder], { ...base, cwd, namedPaths: true });
  return folder;
}
