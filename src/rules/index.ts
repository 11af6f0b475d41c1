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
// @section locking-imports
// @section compatibility-imports
// @section style-imports
// @section drizzle-imports
import { migrationFails } from './migration-fails.js';

export const RULES: readonly Rule[] = [
  // locking and failure
  addingNotNullColumn,
  changingColumnType,
  creatingIndexNonConcurrently,
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
  migrationFails,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
