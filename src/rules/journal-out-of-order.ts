import type { Rule } from './types.js';
import { activeJournal, entryIsReported, showWhen } from './support/folder-scope.js';

export const journalOutOfOrder: Rule = {
  id: 'journal-out-of-order',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'meta/_journal.json `when` values must increase: drizzle 0.x silently skips an entry older than the newest applied one',
  checkFolder(ctx) {
    const { folder } = ctx;
    const journal = activeJournal(folder);
    if (!journal) return;
    let newest: (typeof journal.entries)[number] | undefined;
    for (const entry of journal.entries) {
      const late = newest && !(entry.when > newest.when);
      if (late && entryIsReported(folder, entry)) {
        const what = Number.isFinite(entry.when) ? `has when ${showWhen(entry.when)}, not later than` : 'has no numeric when, so it never compares later than';
        const than = `the when of "${newest!.tag}", ${showWhen(newest!.when)}`;
        ctx.report({
          path: journal.path,
          location: entry.whenAt ?? entry.at,
          message:
            `Journal entry "${entry.tag}" ${what} ${than}. ` +
            `drizzle-kit migrate only runs entries whose when is greater than the newest applied one, so on every database that already applied "${newest!.tag}" this migration is skipped silently.`,
          hint:
            `Give "${entry.tag}" a when greater than ${newest!.when} (and keep the entries after it increasing), e.g. delete the migration and run drizzle-kit generate again on top of the merged branch. ` +
            `Databases that already skipped it need its SQL applied by hand.`,
        });
      }
      if (!newest || entry.when > newest.when) newest = entry;
    }
  },
};
