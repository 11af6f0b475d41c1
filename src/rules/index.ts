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
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
