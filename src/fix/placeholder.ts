/** The value `fix` cannot choose for the user; `unfilled-fix-placeholder` reports it until it is replaced. */
export { PLACEHOLDER } from '../rules/unfilled-fix-placeholder.js';

/** The comment written in front of the placeholder. */
export function placeholderComment(table: string, column: string): string {
  return `/* FIXME(drizzle-migration-lint): value for existing rows of ${table}.${column}; not NULL */`;
}
