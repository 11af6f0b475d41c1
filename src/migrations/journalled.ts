import type { MigrationFile, MigrationFolder } from './types.js';

const journalledTags = new WeakMap<object, Set<string>>();

/**
 * A 0.x migration file with no journal entry: drizzle-kit migrate only runs journal entries, so it
 * never runs anywhere (journal-file-mismatch says so); it is no member of a pending batch. The tags
 * are kept in a set per journal, so a folder of n files costs n look-ups, not n × n.
 */
export function neverApplied(folder: MigrationFolder, file: MigrationFile): boolean {
  const journal = folder.journal;
  if (folder.layout !== 'journal' || !journal) return false;
  let tags = journalledTags.get(journal);
  if (!tags) journalledTags.set(journal, (tags = new Set(journal.entries.map((e) => e.tag))));
  return !tags.has(file.tag);
}
