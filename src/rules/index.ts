/** The rule registry: every rule, in catalog order within each group. */
import type { Rule } from './types.js';
import { addingNotNullColumn } from './adding-not-null-column.js';
import { changingColumnType } from './changing-column-type.js';
import { creatingIndexNonConcurrently } from './creating-index-non-concurrently.js';
import { droppingColumn } from './dropping-column.js';
import { droppingTable } from './dropping-table.js';
import { renamingColumn } from './renaming-column.js';
import { renamingTable } from './renaming-table.js';
import { unparsableSql } from './unparsable-sql.js';
import { unusedSuppression } from './unused-suppression.js';
// txn rules
import { backfillingInMigration } from './backfilling-in-migration.js';
import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { enumValueUsedInSameTransaction } from './enum-value-used-in-same-transaction.js';
import { holdingExclusiveLock } from './holding-exclusive-lock.js';
import { missingLockTimeout } from './missing-lock-timeout.js';
import { recreatingEnum } from './recreating-enum.js';
import { unbalancedTransaction } from './unbalanced-transaction.js';
import { validatingInSameTransaction } from './validating-in-same-transaction.js';
import { attachingPartition } from './attaching-partition.js';
import { syntaxNewerThanTarget } from './syntax-newer-than-target.js';
import { changingStatementSplitting } from './changing-statement-splitting.js';
// @section locking-imports
import { addingVolatileDefault } from './adding-volatile-default.js';
import { addingRewritingColumn } from './adding-rewriting-column.js';
import { changingColumnTypeWithoutUsing } from './changing-column-type-without-using.js';
import { settingNotNull } from './setting-not-null.js';
import { addingForeignKey } from './adding-foreign-key.js';
import { addingCheckConstraint } from './adding-check-constraint.js';
import { addingUniqueConstraint } from './adding-unique-constraint.js';
import { addingPrimaryKey } from './adding-primary-key.js';
import { addingExclusionConstraint } from './adding-exclusion-constraint.js';
import { droppingIndexNonConcurrently } from './dropping-index-non-concurrently.js';
import { reindexingNonConcurrently } from './reindexing-non-concurrently.js';
import { refreshingMaterializedViewNonConcurrently } from './refreshing-materialized-view-non-concurrently.js';
import { detachingPartitionNonConcurrently } from './detaching-partition-non-concurrently.js';
import { rewritingTable } from './rewriting-table.js';
// @section compatibility-imports
import { truncatingTable } from './truncating-table.js';
import { droppingSchema } from './dropping-schema.js';
import { droppingDatabase } from './dropping-database.js';
import { renameAsDropAndAdd } from './rename-as-drop-and-add.js';
import { droppingNotNull } from './dropping-not-null.js';
import { droppingConstraint } from './dropping-constraint.js';
import { disablingRowLevelSecurity } from './disabling-row-level-security.js';
// @section style-imports
import { preferBigint } from './prefer-bigint.js';
import { preferIdentity } from './prefer-identity.js';
import { preferText } from './prefer-text.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { preferJsonb } from './prefer-jsonb.js';
import { banningChar } from './banning-char.js';
import { identifierTooLong } from './identifier-too-long.js';
import { preferRobustStatements } from './prefer-robust-statements.js';
// @section drizzle-imports
import { appliedMigrationModified } from './applied-migration-modified.js';
import { journalDuplicateIndex } from './journal-duplicate-index.js';
import { journalFileMismatch } from './journal-file-mismatch.js';
import { journalFutureTimestamp } from './journal-future-timestamp.js';
import { journalOutOfOrder } from './journal-out-of-order.js';
import { missingStatementBreakpoint } from './missing-statement-breakpoint.js';
import { migrationFails } from './migration-fails.js';

export const RULES: readonly Rule[] = [
  // locking and failure
  addingNotNullColumn,
  changingColumnType,
  creatingIndexNonConcurrently,
  // txn rules
  concurrentlyInTransaction,
  validatingInSameTransaction,
  enumValueUsedInSameTransaction,
  recreatingEnum,
  missingLockTimeout,
  holdingExclusiveLock,
  backfillingInMigration,
  unbalancedTransaction,
  // @section locking
  addingVolatileDefault,
  addingRewritingColumn,
  changingColumnTypeWithoutUsing,
  settingNotNull,
  addingForeignKey,
  addingCheckConstraint,
  addingUniqueConstraint,
  addingPrimaryKey,
  addingExclusionConstraint,
  droppingIndexNonConcurrently,
  reindexingNonConcurrently,
  refreshingMaterializedViewNonConcurrently,
  detachingPartitionNonConcurrently,
  rewritingTable,
  attachingPartition,
  syntaxNewerThanTarget,
  changingStatementSplitting,

  // compatibility
  droppingColumn,
  droppingTable,
  renamingColumn,
  renamingTable,
  // @section compatibility
  droppingSchema,
  droppingDatabase,
  truncatingTable,
  renameAsDropAndAdd,
  droppingNotNull,
  droppingConstraint,
  disablingRowLevelSecurity,

  // style
  // @section style
  preferBigint,
  preferIdentity,
  preferText,
  preferTimestamptz,
  preferJsonb,
  banningChar,
  identifierTooLong,
  preferRobustStatements,

  // drizzle folder and meta rules
  unparsableSql,
  unusedSuppression,
  // @section drizzle
  journalOutOfOrder,
  journalFileMismatch,
  journalDuplicateIndex,
  journalFutureTimestamp,
  appliedMigrationModified,
  missingStatementBreakpoint,
  migrationFails,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Our rule ids by the squawk rule names they stand for (a rule's `squawk` metadata). */
const BY_SQUAWK_NAME = new Map<string, string[]>();
for (const rule of RULES) for (const name of rule.squawk ?? []) BY_SQUAWK_NAME.set(name, [...(BY_SQUAWK_NAME.get(name) ?? []), rule.id]);

/** The rule ids that stand for a squawk rule name; empty when none does. */
export function idsForSquawkName(name: string): readonly string[] {
  return BY_SQUAWK_NAME.get(name) ?? [];
}
