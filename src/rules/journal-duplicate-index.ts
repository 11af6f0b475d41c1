import { basename } from 'node:path';
import type { MigrationFile } from '../migrations/types.js';
import type { Rule } from './types.js';
import { activeJournal, entryIsReported, shortName, START } from './support/folder-scope.js';

/** The number drizzle-kit put in front of the name: `0007` (index), `20250101120000` (timestamp, supabase, 1.0), unix seconds. */
const PREFIX = /^(\d+)_/;

export const messages = {
  sameIdx: (a: { first: string; second: string; idx: number }) =>
    `Journal entries "${a.first}" and "${a.second}" both have idx ${a.idx}: two branches each generated migration ${a.idx}, and the snapshots they were diffed against do not include each other's changes.`,
  sameIdxHint: () => 'Keep the migration that is already deployed; delete the other one (its .sql, snapshot and entry) and run drizzle-kit generate again on the merged schema.',
  samePrefix: (a: { file: string; other: string; prefix: string }) =>
    `${a.file} and ${a.other} share the prefix ${a.prefix}: two branches generated a migration at the same point.`,
  samePrefixOneJournalled: (a: { file: string; other: string; prefix: string; kept: string }) =>
    `${a.file} and ${a.other} share the prefix ${a.prefix}: two branches generated a migration at the same point, and only ${a.kept} is in the journal.`,
  samePrefixHint: () => 'Keep the migration that is already deployed; delete the other one and run drizzle-kit generate again on the merged schema so its SQL and snapshot follow the first.',
  bothJournalled: (a: { file: string; other: string; prefix: string }) =>
    `${a.file} and ${a.other} share the prefix ${a.prefix} and are both in the journal: two branches each generated migration ${a.prefix} and both were kept after the merge. drizzle runs both, but each was diffed against a snapshot without the other's changes, so the next generate may repeat or undo one of them.`,
  bothJournalledHint: () =>
    'Run drizzle-kit check, then drizzle-kit generate: if it produces a migration, review it against both; rename the later file to the next free number only together with its journal tag.',
};

export const journalDuplicateIndex: Rule = {
  id: 'journal-duplicate-index',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'Two journal entries or migration files with the same index or prefix: two branches generated a migration at once',
  messages,
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
        ctx.report({ path: journal.path, location: entry.idxAt ?? entry.at, message: messages.sameIdx({ first, second: entry.tag, idx: entry.idx }), hint: messages.sameIdxHint() });
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
      // Both journalled with distinct idx (the idx check above covers equal ones): drizzle runs both,
      // in journal order, so nothing fails; the fork is still there. A warning.
      if (journal && files.every((f) => journalTags.has(f.tag))) {
        const idx = new Set(files.map((f) => journal.entries.find((e) => e.tag === f.tag)?.idx));
        if (idx.size < files.length) continue;
        for (const dup of files.slice(1)) {
          if (!dup.report) continue;
          ctx.report({ path: dup.path, location: START, severity: 'warning', message: messages.bothJournalled({ file: shortName(dup.path), other: shortName(files[0].path), prefix }), hint: messages.bothJournalledHint() });
        }
        continue;
      }
      // Point at the file the journal does not know (the loser of the merge), else at the later one.
      const keep = files.find((f) => journalTags.has(f.tag)) ?? files[0];
      for (const dup of files) {
        if (dup === keep || !dup.report) continue;
        const args = { file: shortName(dup.path), other: shortName(keep.path), prefix };
        const message = journal && !journalTags.has(dup.tag) ? messages.samePrefixOneJournalled({ ...args, kept: basename(keep.path, '.sql') }) : messages.samePrefix(args);
        ctx.report({ path: dup.path, location: START, message, hint: messages.samePrefixHint() });
      }
    }
  },
};
