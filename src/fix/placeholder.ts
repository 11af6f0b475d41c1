/**
 * The value `fix` cannot choose for the user: the backfill of a new NOT NULL column. It is an
 * identifier, so an unfilled migration fails on every database (42703 undefined column) even if
 * `lint` is skipped, and `unfilled-fix-placeholder` reports it until it is replaced.
 */
export const PLACEHOLDER = '__fill_in_backfill_value__';

/** The comment written in front of the placeholder. */
export function placeholderComment(table: string, column: string): string {
  return `/* FIXME(drizzle-migration-lint): value for existing rows of ${table}.${column}; not NULL */`;
}
