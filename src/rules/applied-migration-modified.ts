import type { Rule } from './types.js';
import { shortName } from './support/folder-scope.js';

export const messages = {
  /** `file` is the migration's short name, `ref` the base git ref. */
  deleted: (a: { file: string; ref: string }) =>
    `${a.file} existed at ${a.ref} and was deleted since. Databases that applied it keep its changes; ` +
    `fresh databases (a new environment, CI, a teammate's machine) never get them, so the environments drift apart.`,
  deletedHint: () =>
    'Restore the file (and its journal entry) and undo its changes in a new migration. Squashing the history on purpose? Silence this rule for that change: --rule applied-migration-modified=off.',
  edited: (a: { file: string; ref: string; line: number }) =>
    `${a.file} already existed at ${a.ref} and was edited since (first change on line ${a.line}). ` +
    `Databases that applied it never run it again, so the edit only reaches fresh databases and the environments drift apart.`,
  editedHint: () => 'Revert the edit and put the change in a new migration: drizzle-kit generate, or drizzle-kit generate --custom for hand-written SQL.',
};

export const appliedMigrationModified: Rule = {
  id: 'applied-migration-modified',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'With --since: a migration that already existed at the base ref was edited or deleted; drizzle never runs it again',
  messages,
  checkFolder(ctx) {
    for (const m of ctx.folder.modified ?? []) {
      if (m.deleted) {
        ctx.report({
          path: m.path,
          location: m.location,
          message: messages.deleted({ file: shortName(m.path), ref: m.ref }),
          hint: messages.deletedHint(),
        });
        continue;
      }
      ctx.report({
        path: m.path,
        location: m.location,
        message: messages.edited({ file: shortName(m.path), ref: m.ref, line: m.location.line }),
        hint: messages.editedHint(),
      });
    }
  },
};
