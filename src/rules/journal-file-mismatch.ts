import { basename } from 'node:path';
import type { LayoutProblem } from '../migrations/types.js';
import type { FolderContext, Rule } from './types.js';
import { activeJournal, fileIsReported, fileOfEntry, folderIsReported, shortName, START } from './support/folder-scope.js';

export const messages = {
  missingFile: (a: { tag: string }) =>
    `Journal entry "${a.tag}" has no ${a.tag}.sql in this folder: drizzle-kit migrate stops with "No file … found" before it applies anything.`,
  missingFileHint: (a: { tag: string }) =>
    `Restore ${a.tag}.sql (git log -- '*${a.tag}.sql'), or remove the entry if the migration was dropped on purpose and never applied anywhere.`,
  notJournalled: (a: { file: string }) =>
    `${a.file} has no entry in meta/_journal.json: drizzle-kit migrate only runs journal entries, so this SQL never reaches any database, and nothing warns.`,
  notJournalledHint: () =>
    'If it should run, create it with drizzle-kit generate --custom (which adds the journal entry) and move the SQL there; if it is a leftover of a merge or renumbering, delete it.',
  unreadableJournal: (a: { detail?: string }) =>
    `meta/_journal.json is ${a.detail}: drizzle-kit migrate cannot read it and applies nothing.`,
  unreadableJournalHint: () =>
    'Fix the merge conflict or edit in the journal (every migration needs one entry: idx, version, when, tag, breakpoints).',
  leftoverJournal: () =>
    'meta/_journal.json next to drizzle-kit 1.0 migration folders: the 1.0 layout has no journal, so this one is left over from 0.x (or a 0.x drizzle-kit wrote into a converted folder).',
  leftoverJournalHint: () =>
    'Run drizzle-kit up once with drizzle-kit 1.0 to convert every 0.x migration, then delete the meta folder; make sure everyone uses the same drizzle-kit major.',
  flatSql: (a: { file: string }) =>
    `${a.file} sits directly in a drizzle-kit 1.0 migrations folder: 1.0 applies only <timestamp>_<name>/migration.sql, so this SQL never runs.`,
  flatSqlHint: () =>
    'Create the migration with drizzle-kit generate --custom and move the SQL into its migration.sql.',
  badFolderName: (a: { folder: string }) =>
    `Migration folder "${a.folder}" does not start with a 14-digit timestamp (YYYYMMDDHHMMSS_name): drizzle-kit 1.0 orders and records migrations by that timestamp, so this one runs out of order or not at all.`,
  badFolderNameHint: () =>
    'Rename it to <YYYYMMDDHHMMSS>_<name> with the time it was written, or recreate it with drizzle-kit generate --custom.',
  folderWithoutSql: (a: { folder: string }) =>
    `Migration folder "${a.folder}" has no migration.sql: there is no SQL to apply for it, so the schema change it stands for never reaches the database.`,
  folderWithoutSqlHint: () =>
    'Restore its migration.sql, or delete the folder if the migration was dropped on purpose and never applied.',
  tagNotFileName: (a: { tag: string }) =>
    `Journal entry tag "${a.tag}" is not a file name: drizzle-kit migrate reads "<out>/${a.tag}.sql", a path outside this folder's migrations, so it fails or runs a file that is not one of them.`,
  tagNotFileNameHint: () => 'drizzle-kit writes tags as <idx>_<name> (a file name without .sql); restore the tag it wrote (git log -p -- meta/_journal.json).',
};

/**
 * A tag that names a path rather than a file (a separator, as in `../x` or `/x`, a drive letter): drizzle joins
 * `${out}/${tag}.sql` as a string, so such a tag reaches outside the folder. Backslashes count on
 * every platform: Windows reads them as separators.
 */
export function tagIsNotFileName(tag: string): boolean {
  return /[/\\]/.test(tag) || tag === '.' || tag === '..' || /^[a-zA-Z]:/.test(tag);
}

export const journalFileMismatch: Rule = {
  id: 'journal-file-mismatch',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'A journal entry with no .sql file, a .sql file drizzle never applies, or a drizzle-kit 1.0 folder drizzle cannot use',
  messages,
  checkFolder(ctx) {
    const { folder } = ctx;
    const journal = activeJournal(folder);
    if (journal) {
      const tags = new Set(journal.entries.map((e) => e.tag));
      if (folderIsReported(folder)) {
        for (const entry of journal.entries) {
          if (fileOfEntry(folder, entry)) continue;
          if (tagIsNotFileName(entry.tag)) {
            ctx.report({ path: journal.path, location: entry.tagAt ?? entry.at, message: messages.tagNotFileName({ tag: entry.tag }), hint: messages.tagNotFileNameHint() });
            continue;
          }
          ctx.report({
            path: journal.path,
            location: entry.tagAt ?? entry.at,
            message: messages.missingFile({ tag: entry.tag }),
            hint: messages.missingFileHint({ tag: entry.tag }),
          });
        }
      }
      for (const file of folder.files) {
        if (tags.has(file.tag) || !file.report) continue;
        ctx.report({
          path: file.path,
          location: START,
          message: messages.notJournalled({ file: basename(file.path) }),
          hint: messages.notJournalledHint(),
        });
      }
    }
    for (const problem of folder.layoutProblems ?? []) reportLayout(ctx, problem);
  },
};

function reportLayout(ctx: FolderContext, p: LayoutProblem): void {
  const { folder } = ctx;
  const shown = shortName(p.path);
  switch (p.kind) {
    case 'unreadable-journal':
      if (!folderIsReported(folder)) return;
      ctx.report({
        path: p.path,
        location: START,
        message: messages.unreadableJournal({ detail: p.detail }),
        hint: messages.unreadableJournalHint(),
      });
      return;
    case 'leftover-journal':
      if (!folderIsReported(folder)) return;
      ctx.report({
        path: p.path,
        location: START,
        message: messages.leftoverJournal(),
        hint: messages.leftoverJournalHint(),
      });
      return;
    case 'flat-sql-in-folders-layout':
      if (!fileIsReported(folder, p.path)) return;
      ctx.report({
        path: p.path,
        location: START,
        message: messages.flatSql({ file: shown }),
        hint: messages.flatSqlHint(),
      });
      return;
    case 'bad-folder-name':
      if (!fileIsReported(folder, `${p.path}/migration.sql`) && !fileIsReported(folder, `${p.path}\\migration.sql`)) return;
      ctx.report({
        path: p.path,
        message: messages.badFolderName({ folder: basename(p.path) }),
        hint: messages.badFolderNameHint(),
      });
      return;
    case 'folder-without-sql':
      if (!folderIsReported(folder)) return;
      ctx.report({
        path: p.path,
        message: messages.folderWithoutSql({ folder: basename(p.path) }),
        hint: messages.folderWithoutSqlHint(),
      });
      return;
  }
}
