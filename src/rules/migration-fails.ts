import type { Rule } from './types.js';

export const messages = {
  /** `dataDependent`: the SQLSTATE depends on the rows present (classes 22 and 23), which verify made up. */
  fails: (a: { engine: string; dataDependent: boolean; code: string; error: string; detail?: string }) =>
    `Fails on ${a.engine}${a.dataDependent ? " with verify's sample row in each existing table" : ''}: ERROR ${a.code}: ${a.error}${a.detail ? ` (${a.detail})` : ''}. The whole batch is rolled back.`,
  /** Appended to `fails` when statements after it in its transaction did not run. */
  notObserved: (a: { count: number }) => ` The remaining ${a.count} statement${a.count === 1 ? '' : 's'} of its transaction could not be observed.`,
  /** Appended to `fails` when later batches were verified anyway. */
  laterMigrations: () => ' drizzle-kit migrate stops here; verify re-applied what it could of the batch and went on with the later migrations.',
  notNullHint: () => 'Give the column a DEFAULT, or add it nullable, backfill, then SET NOT NULL behind a validated CHECK (col IS NOT NULL).',
  noCastHint: () => 'Postgres has no automatic cast here: add USING (col::newtype) to the generated ALTER COLUMN … SET DATA TYPE, or add a new column and backfill it.',
  unsafeEnumValueHint: () => 'Put ALTER TYPE … ADD VALUE in its own migration that runs (and commits) before the one that uses the new value.',
  inTransactionHint: () =>
    'drizzle-kit runs each batch in one transaction: this statement cannot run there. Run it outside drizzle-kit migrate, or use the non-concurrent form on a small table.',
  existingRowsHint: () => 'Existing rows break the constraint: clean the data first, or add the constraint NOT VALID and VALIDATE it after a backfill.',
  otherHint: () => 'Fix the migration (or the schema change that generated it) so that Postgres accepts it, then run verify again.',
};

/** The safe next step for the failures drizzle-kit users meet most, by SQLSTATE. */
export function hintForCode(code: string): string {
  switch (code) {
    case '23502':
      return messages.notNullHint();
    case '42804':
      return messages.noCastHint();
    case '55P04':
      return messages.unsafeEnumValueHint();
    case '25001':
      return messages.inTransactionHint();
    case '23505':
    case '23503':
    case '23514':
      return messages.existingRowsHint();
    default:
      return messages.otherHint();
  }
}

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
  messages,
};
