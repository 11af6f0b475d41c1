import type { Rule } from './types.js';

/** Reported by the engine from parser errors; this module carries its metadata. */
export const unparsableSql: Rule = {
  id: 'unparsable-sql',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'The real Postgres parser rejects this SQL; the migration will fail here',
};
