/** The rule registry: every rule, sorted by id (a test holds the order). */
import type { Rule } from './types.js';
import { addingCheckConstraint } from './adding-check-constraint.js';
import { addingExclusionConstraint } from './adding-exclusion-constraint.js';
import { addingForeignKey } from './adding-foreign-key.js';
import { addingNotNullColumn } from './adding-not-null-column.js';
import { addingPrimaryKey } from './adding-primary-key.js';
import { addingRewritingColumn } from './adding-rewriting-column.js';
import { addingUniqueConstraint } from './adding-unique-constraint.js';
import { addingVolatileDefault } from './adding-volatile-default.js';
import { appliedMigrationModified } from './applied-migration-modified.js';
import { attachingPartition } from './attaching-partition.js';
import { backfillingInMigration } from './backfilling-in-migration.js';
import { banningChar } from './banning-char.js';
import { changingColumnTypeWithoutUsing } from './changing-column-type-without-using.js';
import { changingColumnType } from './changing-column-type.js';
import { changingStatementSplitting } from './changing-statement-splitting.js';
import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { creatingIndexNonConcurrently } from './creating-index-non-concurrently.js';
import { detachingPartitionNonConcurrently } from './detaching-partition-non-concurrently.js';
import { disablingRowLevelSecurity } from './disabling-row-level-security.js';
import { droppingColumn } from './dropping-column.js';
import { droppingConstraint } from './dropping-constraint.js';
import { droppingDatabase } from './dropping-database.js';
import { droppingIndexNonConcurrently } from './dropping-index-non-concurrently.js';
import { droppingNotNull } from './dropping-not-null.js';
import { droppingSchema } from './dropping-schema.js';
import { droppingTable } from './dropping-table.js';
import { enumValueUsedInSameTransaction } from './enum-value-used-in-same-transaction.js';
import { holdingExclusiveLock } from './holding-exclusive-lock.js';
import { identifierTooLong } from './identifier-too-long.js';
import { journalDuplicateIndex } from './journal-duplicate-index.js';
import { journalFileMismatch } from './journal-file-mismatch.js';
import { journalFutureTimestamp } from './journal-future-timestamp.js';
import { journalOutOfOrder } from './journal-out-of-order.js';
import { migrationFails } from './migration-fails.js';
import { missingLockTimeout } from './missing-lock-timeout.js';
import { missingStatementBreakpoint } from './missing-statement-breakpoint.js';
import { preferBigint } from './prefer-bigint.js';
import { preferIdentity } from './prefer-identity.js';
import { preferJsonb } from './prefer-jsonb.js';
import { preferRobustStatements } from './prefer-robust-statements.js';
import { preferText } from './prefer-text.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { recreatingEnum } from './recreating-enum.js';
import { refreshingMaterializedViewNonConcurrently } from './refreshing-materialized-view-non-concurrently.js';
import { reindexingNonConcurrently } from './reindexing-non-concurrently.js';
import { renameAsDropAndAdd } from './rename-as-drop-and-add.js';
import { renamingColumn } from './renaming-column.js';
import { renamingTable } from './renaming-table.js';
import { rewritingTable } from './rewriting-table.js';
import { settingNotNull } from './setting-not-null.js';
import { syntaxNewerThanTarget } from './syntax-newer-than-target.js';
import { truncatingTable } from './truncating-table.js';
import { unbalancedTransaction } from './unbalanced-transaction.js';
import { unfilledFixPlaceholder } from './unfilled-fix-placeholder.js';
import { unparsableSql } from './unparsable-sql.js';
import { unusedSuppression } from './unused-suppression.js';
import { validatingInSameTransaction } from './validating-in-same-transaction.js';

export const RULES: readonly Rule[] = [
  addingCheckConstraint,
  addingExclusionConstraint,
  addingForeignKey,
  addingNotNullColumn,
  addingPrimaryKey,
  addingRewritingColumn,
  addingUniqueConstraint,
  addingVolatileDefault,
  appliedMigrationModified,
  attachingPartition,
  backfillingInMigration,
  banningChar,
  changingColumnType,
  changingColumnTypeWithoutUsing,
  changingStatementSplitting,
  concurrentlyInTransaction,
  creatingIndexNonConcurrently,
  detachingPartitionNonConcurrently,
  disablingRowLevelSecurity,
  droppingColumn,
  droppingConstraint,
  droppingDatabase,
  droppingIndexNonConcurrently,
  droppingNotNull,
  droppingSchema,
  droppingTable,
  enumValueUsedInSameTransaction,
  holdingExclusiveLock,
  identifierTooLong,
  journalDuplicateIndex,
  journalFileMismatch,
  journalFutureTimestamp,
  journalOutOfOrder,
  migrationFails,
  missingLockTimeout,
  missingStatementBreakpoint,
  preferBigint,
  preferIdentity,
  preferJsonb,
  preferRobustStatements,
  preferText,
  preferTimestamptz,
  recreatingEnum,
  refreshingMaterializedViewNonConcurrently,
  reindexingNonConcurrently,
  renameAsDropAndAdd,
  renamingColumn,
  renamingTable,
  rewritingTable,
  settingNotNull,
  syntaxNewerThanTarget,
  truncatingTable,
  unbalancedTransaction,
  unfilledFixPlaceholder,
  unparsableSql,
  unusedSuppression,
  validatingInSameTransaction,
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
