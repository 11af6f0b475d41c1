/** What `down` says about a migration it cannot fully reverse, as data (the exact texts tests compare). */
export const messages = {
  droppedTable: (a: { table: string }) => `Drops table ${a.table} and its rows: down re-creates the table, empty.`,
  droppedColumn: (a: { column: string; table: string }) => `Drops column ${a.column} of ${a.table} and its values: down re-adds the column, without them.`,
  lossyTypeChange: (a: { column: string; table: string; from: string; to: string }) =>
    `Changes ${a.table}.${a.column} from ${a.from} to ${a.to}, which loses information: down converts the values back to ${a.from}, not to the originals.`,
  dataChange: (a: { statement: string }) => `${a.statement} changes rows: down does not undo changes to data.`,
  unknownDefinition: (a: { object: string }) => `${a.object} was not created by these migrations, so its definition is unknown: down cannot restore it.`,
  replacedDefinition: (a: { object: string }) => `Replaces ${a.object}, whose earlier definition these migrations do not hold: down cannot restore it.`,
  unsupported: (a: { statement: string }) => `down cannot reverse ${a.statement}: write this part of the down migration by hand.`,
  unparsable: () => 'Postgres cannot parse this part of the migration: down cannot reverse it.',
  enumValueRemoved: (a: { type: string; values: string }) =>
    `down removes ${a.values} from enum ${a.type} by re-creating the type (Postgres cannot drop an enum value): it fails while a row holds a removed value.`,
  typeRestored: (a: { column: string; table: string; to: string }) => `down converts ${a.table}.${a.column} back to ${a.to}: it fails if a value written since does not convert.`,
  notNullRestored: (a: { column: string; table: string }) => `down makes ${a.table}.${a.column} NOT NULL again: it fails if a NULL was written since.`,
  constraintRestored: (a: { constraint: string; table: string }) => `down adds constraint ${a.constraint} to ${a.table} again: it fails if rows written since violate it.`,
};

/** Why a migration cannot be reversed without data or a definition (`irreversible`), or why its down may fail on data (`caution`). */
export type IrreversibleReason = 'dropped-table' | 'dropped-column' | 'lossy-type-change' | 'data-change' | 'unknown-definition' | 'unsupported-statement' | 'unparsable';
export type CautionReason = 'enum-value-removed' | 'type-restored' | 'not-null-restored' | 'constraint-restored';
