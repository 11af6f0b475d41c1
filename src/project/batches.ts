import { UsageError } from '../errors.js';
import type { Runner } from '../migrations/types.js';
import { compareWithRef, type ReadMigrationBytes } from './git.js';
import { neverApplied } from '../migrations/journalled.js';
import type { MigrationFolder, ModifiedMigration } from '../migrations/types.js';

export interface BaseOptions {
  /** Git ref: migrations absent there are the pending batch. */
  since?: string;
  /** Journal tag / folder name: it and everything before it are applied. */
  baseline?: string;
  runner: Runner;
  cwd: string;
  /** True when files or folders were named: then only those are reported (still only pending ones with a base). */
  namedPaths: boolean;
  /** The run's reader of migration bytes; `since` compares what it reads with the ref. */
  read?: ReadMigrationBytes;
}

/**
 * Decides which migrations are pending and groups them into batches. Without a base every file is
 * its own batch (nothing is assumed new). With one, the pending migrations run together: under the
 * `drizzle` runner drizzle-kit applies all of them in one transaction, so they share one batch.
 */
export function assignBatches(folders: MigrationFolder[], options: BaseOptions): void {
  if (options.since) {
    const all = folders.flatMap((f) => f.files.map((m) => m.path));
    // Only the application layer reads migration text (its reader hands the bytes down).
    if (!options.read) throw new Error('assignBatches: --since needs the run\'s reader of migration bytes');
    const state = compareWithRef(options.since, all, options.cwd, folders.map((f) => f.dir), options.read);
    for (const folder of folders) {
      folder.base = { kind: 'since', ref: options.since };
      const modified: ModifiedMigration[] = [];
      const reportsAny = folder.files.some((m) => m.report);
      for (const m of folder.files) {
        m.status = state.absent.has(m.path) ? 'pending' : 'applied';
        const line = state.changed.get(m.path);
        if (line && (!options.namedPaths || m.report)) modified.push({ path: m.path, ref: options.since, location: { line, column: 1, endLine: line, endColumn: 1 } });
      }
      // A deleted migration cannot be named: it is reported with the folder's other findings.
      if (!options.namedPaths || reportsAny) {
        for (const path of state.deleted.get(folder.dir) ?? []) {
          modified.push({ path, ref: options.since, location: { line: 1, column: 1, endLine: 1, endColumn: 1 }, deleted: true });
        }
      }
      folder.modified = modified;
      regroup(folder, options);
    }
    return;
  }
  if (options.baseline) {
    const tag = options.baseline;
    const missing = folders.filter((f) => !f.files.some((m) => m.tag === tag) && !f.journal?.entries.some((e) => e.tag === tag));
    if (missing.length) {
      const where = missing.map((f) => f.dir).join(', ');
      throw new UsageError(`--baseline ${tag}: no migration with this tag in ${where}; use the tag as in the journal or the folder name (e.g. 0012_brave_wolf), and --dir to pick one folder`);
    }
    for (const folder of folders) {
      folder.base = { kind: 'baseline', tag };
      const journalIndex = folder.journal?.entries.findIndex((e) => e.tag === tag) ?? -1;
      const cut = journalIndex >= 0 ? journalIndex : folder.files.findIndex((m) => m.tag === tag);
      // In journal order; a file without a journal entry is never applied by drizzle: it stays pending
      // (reported) but outside the batch (see regroup).
      const appliedTags = new Set(
        journalIndex >= 0 ? folder.journal!.entries.slice(0, cut + 1).map((e) => e.tag) : folder.files.slice(0, cut + 1).map((m) => m.tag),
      );
      for (const m of folder.files) m.status = appliedTags.has(m.tag) ? 'applied' : 'pending';
      regroup(folder, options);
    }
  }
}

/**
 * Applied migrations are history, each on its own; pending ones are reported and share the batch,
 * except files the journal does not list: drizzle-kit migrate never runs them, so they are no part
 * of its transaction (each is linted on its own).
 */
function regroup(folder: MigrationFolder, options: BaseOptions): void {
  let next = 0;
  const pendingBatch = folder.files.length;
  for (const m of folder.files) {
    const pending = m.status === 'pending';
    m.report = pending && (!options.namedPaths || m.report);
    m.batch = pending && options.runner === 'drizzle' && !neverApplied(folder, m) ? pendingBatch : next;
    next++;
  }
}
