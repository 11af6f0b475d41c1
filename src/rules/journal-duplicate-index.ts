import { basename } from 'node:path';
import type { MigrationFile } from '../migrations/types.js';
import type { Rule } from './types.js';
import { activeJournal, entryIsReported, shortName, START } from './support/folder-scope.js';

/** The number drizzle-kit put in front of the name: `0007` (index), `20250101120000` (timestamp, supabase, 1.0), unix seconds. */
const PREFIX = /^(\d+)_/;

export const journalDuplicateIndex: Rule = {
  id: 'journal-duplicate-index',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'Two journal entries or migration files with the same index or prefix: two branches generated a migration at once',
  checkFolder(ctx) {
    const { folder } = ctx;
    const journal = activeJournal(folder);
    if (journal) {
      const seen = new Map<number, string>();
      for (const entry of journal.entries) {
        const first = seen.get(entry.idx);
        if (first === undefined) {
          seen.set(entry.idx, entry.tag);
          continue;
        }
        if (!entryIsReported(folder, entry)) continue;
        ctx.report({
          path: journal.path,
          location: entry.idxAt ?? entry.at,
          message: `Journal entries "${first}" and "${entry.tag}" both have idx ${entry.idx}: two branches each generated migration ${entry.idx}, and the snapshots they were diffed against do not include each other's changes.`,
          hint: 'Keep the migration that is already deployed; delete the other one (its .sql, snapshot and entry) and run drizzle-kit generate again on the merged schema.',
        });
      }
    }
    if (folder.drizzle?.prefix === 'none') return;
    const journalTags = new Set(journal?.entries.map((e) => e.tag) ?? []);
    const byPrefix = new Map<string, MigrationFile[]>();
    for (const file of folder.files) {
      const m = PREFIX.exec(file.tag);
      if (!m) continue;
      if (!byPrefix.has(m[1])) byPrefix.set(m[1], []);
      byPrefix.get(m[1])!.push(file);
    }
    for (const [prefix, files] of byPrefix) {
      if (files.length < 2) continue;
      // drizzle 0.x runs journal entries by tag, not by file number: two journalled files with one
      // number (a renamed file) are only a collision if their idx collide, which is checked above.
      if (journal && files.every((f) => journalTags.has(f.tag))) continue;
      // Point at the file the journal does not know (the loser of the merge), else at the later one.
      const keep = files.find((f) => journalTags.has(f.tag)) ?? files[0];
      for (const dup of files) {
        if (dup === keep || !dup.report) continue;
        ctx.report({
          path: dup.path,
          location: START,
          message: `${shortName(dup.path)} and ${shortName(keep.path)} share the prefix ${prefix}: two branches generated a migration at the same point${
            journal && !journalTags.has(dup.tag) ? `, and only ${basename(keep.path, '.sql')} is in the journal` : ''
          }.`,
          hint: 'Keep the migration that is already deployed; delete the other one and run drizzle-kit generate again on the merged schema so its SQL and snapshot follow the first.',
        });
      }
    }
  },
};
