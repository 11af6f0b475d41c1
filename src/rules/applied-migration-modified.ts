import type { Rule } from './types.js';
import { shortName } from './support/folder-scope.js';

export const appliedMigrationModified: Rule = {
  id: 'applied-migration-modified',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'With --since: a migration that already existed at the base ref was edited or deleted; drizzle never runs it again',
  checkFolder(ctx) {
    for (const m of ctx.folder.modified ?? []) {
      if (m.deleted) {
        ctx.report({
          path: m.path,
          location: m.location,
          message:
            `${shortName(m.path)} existed at ${m.ref} and was deleted since. Databases that applied it keep its changes; ` +
            `fresh databases (a new environment, CI, a teammate's machine) never get them, so the environments drift apart.`,
          hint: 'Restore the file (and its journal entry) and undo its changes in a new migration. Squashing the history on purpose? Silence this rule for that change: --rule applied-migration-modified=off.',
        });
        continue;
      }
      ctx.report({
        path: m.path,
        location: m.location,
        message:
          `${shortName(m.path)} already existed at ${m.ref} and was edited since (first change on line ${m.location.line}). ` +
          `Databases that applied it never run it again, so the edit only reaches fresh databases and the environments drift apart.`,
        hint: 'Revert the edit and put the change in a new migration: drizzle-kit generate, or drizzle-kit generate --custom for hand-written SQL.',
      });
    }
  },
};
