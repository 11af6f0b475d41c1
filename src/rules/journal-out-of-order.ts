import type { Rule } from './types.js';
import { activeJournal, entryIsReported, showWhen } from './support/folder-scope.js';

const SKIPPED = (newestTag: string) =>
  `drizzle-kit migrate only runs entries whose when is greater than the newest applied one, so on every database that already applied "${newestTag}" this migration is skipped silently.`;

export const messages = {
  /** `when`s as shown by showWhen (the number and its date). */
  notLater: (a: { tag: string; when: string; newestTag: string; newestWhen: string }) =>
    `Journal entry "${a.tag}" has when ${a.when}, not later than the when of "${a.newestTag}", ${a.newestWhen}. ${SKIPPED(a.newestTag)}`,
  noNumericWhen: (a: { tag: string; newestTag: string; newestWhen: string }) =>
    `Journal entry "${a.tag}" has no numeric when, so it never compares later than the when of "${a.newestTag}", ${a.newestWhen}. ${SKIPPED(a.newestTag)}`,
  /** `newestWhen` is the raw number here. */
  outOfOrderHint: (a: { tag: string; newestWhen: number }) =>
    `Give "${a.tag}" a when greater than ${a.newestWhen} (and keep the entries after it increasing), e.g. delete the migration and run drizzle-kit generate again on top of the merged branch. ` +
    `Databases that already skipped it need its SQL applied by hand.`,
};

export const journalOutOfOrder: Rule = {
  id: 'journal-out-of-order',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'meta/_journal.json `when` values must increase: drizzle 0.x silently skips an entry older than the newest applied one',
  messages,
  checkFolder(ctx) {
    const { folder } = ctx;
    const journal = activeJournal(folder);
    if (!journal) return;
    let newest: (typeof journal.entries)[number] | undefined;
    for (const entry of journal.entries) {
      const late = newest && !(entry.when > newest.when);
      if (late && entryIsReported(folder, entry)) {
        const args = { tag: entry.tag, when: showWhen(entry.when), newestTag: newest!.tag, newestWhen: showWhen(newest!.when) };
        ctx.report({
          path: journal.path,
          location: entry.whenAt ?? entry.at,
          message: Number.isFinite(entry.when) ? messages.notLater(args) : messages.noNumericWhen(args),
          hint: messages.outOfOrderHint({ tag: entry.tag, newestWhen: newest!.when }),
        });
      }
      if (!newest || entry.when > newest.when) newest = entry;
    }
  },
};
