import { createHash } from 'node:crypto';
import { DEFAULT_MAX_FILE_MB, megabytesToBytes, readInputFile } from '../project/read-input-file.js';

/**
 * drizzle-orm's hash of a migration, as its migrator records it in `__drizzle_migrations.hash`:
 * sha256 of the file read as a UTF-8 string (migrator.js `readMigrationFiles`, 0.x and 1.0).
 * `status`, `verify` and `down` all use this one.
 */
export function drizzleHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of a migration file read from disk (only a regular file within the size limit). */
export function drizzleHashOfFile(path: string): string {
  return drizzleHash(readInputFile(path, megabytesToBytes(DEFAULT_MAX_FILE_MB)).toString());
}
