import { basename } from 'node:path';
import type { MigrationFile } from '../migrations/types.js';
import { isUnreadable, prevIdCollisions, snapshotPrefix, type SnapshotLink } from '../migrations/snapshot-lineage.js';
import type { FolderContext, Rule } from './types.js';
import { activeJournal, entryIsReported, folderIsReported, shortName, START } from './support/folder-scope.js';

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
  snapshotFork: (a: { file: string; other: string; snapshot: string; otherSnapshot: string; prevId: string }) =>
    `${a.file} was generated from the same parent snapshot as ${a.other} (${a.snapshot} and ${a.otherSnapshot} both have prevId ${a.prevId}): two branches each ran drizzle-kit generate and both migrations were kept after the merge, so ${a.file} was diffed against a schema without ${a.other}'s changes. drizzle-kit check rejects the folder as a snapshot collision, and drizzle-kit generate stops on it.`,
  snapshotForkHint: () =>
    'If the later migration is not deployed anywhere, delete it (its .sql, snapshot and journal entry) and run drizzle-kit generate again on the merged schema. If both are deployed, set the later snapshot\'s prevId to the earlier one\'s id and run drizzle-kit generate: a migration it produces repeats what the other branch did, so review it before keeping it.',
  snapshotUnreadable: (a: { file: string; problem: string }) =>
    `Snapshot ${a.file} cannot be used: ${a.problem}. drizzle-kit check and generate stop on it (drizzle-kit migrate does not read snapshots), and its prevId was not compared with the other snapshots.`,
  snapshotUnreadableHint: () => 'If a merge left conflict markers in it, keep one side\'s snapshot whole, then run drizzle-kit check.',
};

export const journalDuplicateIndex: Rule = {
  id: 'journal-duplicate-index',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'Two journal entries or migration files with the same index or prefix, or two snapshots with the same parent: two branches generated a migration at once',
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
    /** Migrations already reported as a fork here: the snapshots' verdict on them would say it twice. */
    const forked = new Set<string>();
    if (folder.drizzle?.prefix !== 'none') samePrefix(ctx, forked);
    if (journal) snapshotForks(ctx, forked);
  },
};

/** Migration files with one number prefix: two branches each generated "the next" migration. */
function samePrefix(ctx: FolderContext, forked: Set<string>): void {
  const { folder } = ctx;
  const journal = activeJournal(folder);
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
        forked.add(dup.path);
        ctx.report({ path: dup.path, location: START, severity: 'warning', message: messages.bothJournalled({ file: shortName(dup.path), other: shortName(files[0].path), prefix }), hint: messages.bothJournalledHint() });
      }
      continue;
    }
    // Point at the file the journal does not know (the loser of the merge), else at the later one.
    const keep = files.find((f) => journalTags.has(f.tag)) ?? files[0];
    for (const dup of files) {
      if (dup === keep || !dup.report) continue;
      forked.add(dup.path);
      const args = { file: shortName(dup.path), other: shortName(keep.path), prefix };
      const message = journal && !journalTags.has(dup.tag) ? messages.samePrefixOneJournalled({ ...args, kept: basename(keep.path, '.sql') }) : messages.samePrefix(args);
      ctx.report({ path: dup.path, location: START, message, hint: messages.samePrefixHint() });
    }
  }
}

/**
 * 0.x snapshots whose prevId collide (what drizzle-kit 0.31 `check` rejects, measured in the rule's
 * test): reported on the migration of each snapshot but the first in journal order, as a warning —
 * drizzle-kit migrate runs both, nothing fails; the next generate diffs against a fork. 1.0 folders
 * are left alone: drizzle-kit 1.0 accepts branches whose changes commute.
 */
function snapshotForks(ctx: FolderContext, forked: Set<string>): void {
  const { folder } = ctx;
  const snapshots = folder.snapshots ?? [];
  const byPrefix = new Map<string, MigrationFile>();
  const journalTags = new Set(folder.journal?.entries.map((e) => e.tag) ?? []);
  for (const f of folder.files) {
    const prefix = PREFIX.exec(f.tag)?.[1];
    // A journalled file owns its number's snapshot before a stray file with the same number.
    if (prefix !== undefined && (!byPrefix.has(prefix) || (journalTags.has(f.tag) && !journalTags.has(byPrefix.get(prefix)!.tag)))) byPrefix.set(prefix, f);
  }
  const migrationOf = (path: string) => {
    const prefix = snapshotPrefix(path);
    return prefix === undefined ? undefined : byPrefix.get(prefix);
  };
  const order = new Map(folder.files.map((f, i) => [f.path, i]));
  const position = (path: string) => order.get(migrationOf(path)?.path ?? '') ?? Infinity;
  const reported = (path: string) => {
    const file = migrationOf(path);
    return file ? file.report : folderIsReported(folder);
  };

  for (const s of snapshots) {
    if (!isUnreadable(s) || !reported(s.path)) continue;
    ctx.report({ path: s.path, location: s.at ?? START, severity: 'warning', message: messages.snapshotUnreadable({ file: snapshotName(s.path), problem: s.problem }), hint: messages.snapshotUnreadableHint() });
  }
  const links = snapshots.filter((s): s is SnapshotLink => !isUnreadable(s));
  for (const { prevId, paths } of prevIdCollisions(links)) {
    const sorted = [...paths].sort((a, b) => position(a) - position(b));
    const first = sorted[0];
    for (const path of sorted.slice(1)) {
      const file = migrationOf(path);
      if (!reported(path) || (file && forked.has(file.path))) continue;
      const other = migrationOf(first);
      ctx.report({
        path: file?.path ?? path,
        location: START,
        severity: 'warning',
        message: messages.snapshotFork({
          file: file ? shortName(file.path) : snapshotName(path),
          other: other ? shortName(other.path) : snapshotName(first),
          snapshot: snapshotName(path),
          otherSnapshot: snapshotName(first),
          prevId,
        }),
        hint: messages.snapshotForkHint(),
      });
    }
  }
}

/** `meta/0007_snapshot.json`, as drizzle-kit names it. */
const snapshotName = (path: string) => `meta/${basename(path)}`;
