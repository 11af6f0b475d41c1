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
// @section locking-imports
// @section compatibility-imports
// @section style-imports
// @section drizzle-imports
import { appliedMigrationModified } from './applied-migration-modified.js';
import { journalDuplicateIndex } from './journal-duplicate-index.js';
import { journalFileMismatch } from './journal-file-mismatch.js';
import { journalFutureTimestamp } from './journal-future-timestamp.js';
import { journalOutOfOrder } from './journal-out-of-order.js';
import { missingStatementBreakpoint } from './missing-statement-breakpoint.js';

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

  // compatibility
  droppingColumn,
  droppingTable,
  renamingColumn,
  renamingTable,
  // @section compatibility

  // style
  // @section style

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
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
