import { docsPageUrl } from '../app/docs-links.js';

/** The text of `status` findings, as data (the rule-module format: one function per message id). */
const iso = (ms: number) => new Date(ms).toISOString();
const short = (hash: string) => hash.slice(0, 12);

export const messages = {
  pending: (a: { tag: string }) => `${a.tag} is pending: the next drizzle-kit migrate runs it.`,
  willBeSkipped: (a: { tag: string; when: number; newest: number }) =>
    `${a.tag} will be skipped: its "when" (${iso(a.when)}) is not after the newest applied migration's (${iso(a.newest)}), so drizzle-kit migrate skips it and reports success.`,
  willBeSkippedHint: () =>
    'Give it a "when" later than every applied migration (regenerate it on top of the applied history), or apply it by hand and record it.',
  edited: (a: { tag: string; recorded: string; actual: string }) =>
    `${a.tag} was edited after it was applied: the database recorded sha256 ${short(a.recorded)}…, the file now hashes to ${short(a.actual)}…; drizzle never runs it again, so the edit never reaches this database.`,
  editedHint: () => 'Restore the applied text and put the change in a new migration.',
  appliedMissing: (a: { tag: string; id: number }) =>
    `${a.tag} is recorded as applied (row ${a.id}) but has no migration file here: it was deleted, or this branch does not have it.`,
  notInJournal: (a: { tag: string }) => `${a.tag} is not in meta/_journal.json: drizzle-kit migrate never runs it.`,
  noTable: (a: { table: string }) => `${a.table} does not exist: nothing has been applied to this database by drizzle.`,
};

/** Where `status` and `drift` findings are documented. */
export const STATUS_DOCS = docsPageUrl('status.md');
