/**
 * squawk's rule names (squawk-linter's `Rule` enum, checked 2026-11) and, for those no rule of ours
 * maps through its `squawk` metadata, why there is no equivalent. Which of our rules covers a squawk
 * rule is not written here: it comes from each rule's `squawk` field.
 */
export const SQUAWK_RULES: ReadonlyArray<{ name: string; noEquivalent?: string }> = [
  { name: 'adding-field-with-default' },
  { name: 'adding-foreign-key-constraint' },
  { name: 'adding-not-nullable-field' },
  { name: 'adding-required-field' },
  { name: 'adding-serial-primary-key-field' },
  {
    name: 'ban-alter-domain-with-add-constraint',
    noEquivalent: 'drizzle-kit does not generate domains; a hand-written ALTER DOMAIN … ADD CONSTRAINT is not checked yet',
  },
  { name: 'ban-char-field' },
  { name: 'ban-concurrent-index-creation-in-transaction' },
  {
    name: 'ban-create-domain-with-constraint',
    noEquivalent: 'creating a domain locks nothing; adding a column of a domain with a CHECK to an existing table is what rewrites it, and `adding-rewriting-column` flags that',
  },
  { name: 'ban-drop-column' },
  { name: 'ban-drop-database' },
  { name: 'ban-drop-not-null' },
  { name: 'ban-drop-table' },
  { name: 'ban-truncate-cascade' },
  { name: 'ban-uncommitted-transaction' },
  { name: 'changing-column-type' },
  { name: 'constraint-missing-not-valid' },
  { name: 'disallowed-unique-constraint' },
  { name: 'identifier-too-long' },
  { name: 'prefer-bigint-over-int' },
  { name: 'prefer-bigint-over-smallint' },
  { name: 'prefer-identity' },
  { name: 'prefer-robust-stmts' },
  { name: 'prefer-text-field' },
  { name: 'prefer-timestamptz' },
  { name: 'renaming-column' },
  { name: 'renaming-table' },
  { name: 'require-concurrent-index-creation' },
  { name: 'require-concurrent-index-deletion' },
  {
    name: 'require-enum-value-ordering',
    noEquivalent: 'drizzle-kit already writes BEFORE when a new value is not last in the pgEnum, so the order follows the schema; appending is not a risk',
  },
  {
    name: 'require-table-schema',
    noEquivalent: 'an opt-in style rule in squawk; drizzle-kit leaves tables of the public schema unqualified by design and qualifies the others',
  },
  { name: 'require-timeout-settings' },
  { name: 'transaction-nesting' },
  { name: 'unused-ignore' },
];
