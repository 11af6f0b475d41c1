import type { Rule } from './types.js';

export const messages = {
  rejected: (a: { parserMessage: string; inDoBody: boolean }) =>
    `Postgres cannot parse this${a.inDoBody ? ' DO block body' : ''}: ${a.parserMessage}. The rest of the file is still checked.`,
  rejectedHint: () => 'drizzle-kit migrate will fail here too; fix the SQL (or the schema that generated it).',
};

/** Reported by the engine from parser errors (the rule has no check of its own), with these texts. */
export const unparsableSql: Rule = {
  id: 'unparsable-sql',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'The real Postgres parser rejects this SQL; the migration will fail here',
  messages,
};
