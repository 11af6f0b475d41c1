import type { Rule } from './types.js';

/**
 * Reported by `drizzle-migration-lint verify` only: the statement was run on a real Postgres
 * (embedded PGlite, or `--database-url`) and Postgres rejected it. Static linting never reports it.
 */
export const migrationFails: Rule = {
  id: 'migration-fails',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'verify ran the migration on a real Postgres and the statement failed (SQLSTATE and message of the error)',
  verifyOnly: true,
};
