import type { Rule } from './types.js';
import { activeJournal, entryIsReported, showWhen } from './support/folder-scope.js';

/** Clocks of the machines that generate migrations and of the one that lints them may disagree a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const messages = {
  /** `when` as shown by showWhen (the number and its date). */
  futureWhen: (a: { tag: string; when: string }) =>
    `Journal entry "${a.tag}" has when ${a.when}, which is in the future. ` +
    `Once it is applied, drizzle-kit migrate skips every migration whose when is lower, i.e. everything drizzle-kit generate writes before that moment.`,
  futureWhenHint: (a: { now: number }) => `Set its when to the time the migration was written (e.g. ${a.now}, now) unless that breaks the order of the entries before it.`,
};

export const journalFutureTimestamp: Rule = {
  id: 'journal-future-timestamp',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'A meta/_journal.json `when` in the future: once applied, every migration generated before that moment is skipped',
  messages,
  checkFolder(ctx) {
    const { folder } = ctx;
    const journal = activeJournal(folder);
    if (!journal) return;
    const now = folder.scannedAt ?? Date.now();
    for (const entry of journal.entries) {
      if (!(entry.when > now + CLOCK_SKEW_MS) || !entryIsReported(folder, entry)) continue;
      ctx.report({
        path: journal.path,
        location: entry.whenAt ?? entry.at,
        message: messages.futureWhen({ tag: entry.tag, when: showWhen(entry.when) }),
        hint: messages.futureWhenHint({ now }),
      });
    }
  },
};
