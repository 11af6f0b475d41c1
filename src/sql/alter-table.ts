import { names, nodeAs, type Node, type NodeOf } from './ast.js';
import type { Statement } from './statement.js';
import { refOf, relationKey, type RelationRef } from './qualified-name.js';

export interface AlterTable {
  readonly ref: RelationRef;
  readonly key: string;
  readonly stmt: NodeOf<'AlterTableStmt'>;
  readonly cmds: readonly NodeOf<'AlterTableCmd'>[];
}

/**
 * The table and commands of an `ALTER TABLE` (not ALTER INDEX / VIEW / SEQUENCE). Read once per
 * statement: some thirty rules ask for every statement, and one shared key string also makes their
 * schema lookups cheaper (a string hashes once).
 */
export function alterTable(statement: Statement): AlterTable | undefined {
  const known = memo.get(statement);
  if (known !== undefined) return known ?? undefined;
  const alter = readAlterTable(statement);
  memo.set(statement, alter ?? null);
  return alter;
}

/** null: the statement is not an ALTER TABLE. */
const memo = new WeakMap<Statement, AlterTable | null>();

function readAlterTable(statement: Statement): AlterTable | undefined {
  const stmt = nodeAs(statement.node, 'AlterTableStmt');
  if (!stmt || (stmt.objtype && stmt.objtype !== 'OBJECT_TABLE')) return undefined;
  const ref = refOf(stmt.relation);
  if (!ref) return undefined;
  const cmds = ((stmt.cmds as Node[]) ?? []).map((c) => nodeAs(c, 'AlterTableCmd')).filter((c) => !!c);
  return { ref, key: relationKey(ref), stmt, cmds };
}

/** Column constraints of a ColumnDef (NOT NULL, DEFAULT, REFERENCES …). */
export function columnConstraints(def: NodeOf<'ColumnDef'> | undefined): NodeOf<'Constraint'>[] {
  return ((def?.constraints as Node[]) ?? []).map((c) => nodeAs(c, 'Constraint')).filter((c) => !!c);
}

/** The column definitions of an ALTER TABLE's `ADD COLUMN` commands. */
export function addedColumns(alter: AlterTable): NodeOf<'ColumnDef'>[] {
  return alter.cmds.filter((c) => c.subtype === 'AT_AddColumn').map((c) => nodeAs(c.def, 'ColumnDef')).filter((d) => !!d);
}

export interface AddedConstraint {
  con: NodeOf<'Constraint'>;
  /** The column being added, when the constraint is written on an `ADD COLUMN`. */
  column?: NodeOf<'ColumnDef'>;
}

/**
 * Constraints of one kind (`CONSTR_FOREIGN`, `CONSTR_CHECK` …) that an ALTER TABLE adds, both
 * `ADD [CONSTRAINT] …` and those written on `ADD COLUMN`.
 */
export function addedConstraints(alter: AlterTable, contype: NodeOf<'Constraint'>['contype']): AddedConstraint[] {
  const out: AddedConstraint[] = [];
  for (const cmd of alter.cmds) {
    if (cmd.subtype === 'AT_AddConstraint') {
      const con = nodeAs(cmd.def, 'Constraint');
      if (con && con.contype === contype) out.push({ con });
    }
  }
  for (const column of addedColumns(alter)) {
    for (const con of columnConstraints(column)) if (con.contype === contype) out.push({ con, column });
  }
  return out;
}

/** The columns a table-level constraint names (`keys`, or `fk_attrs` for a foreign key). */
export function constraintColumns(added: AddedConstraint): string[] {
  if (added.column?.colname) return [added.column.colname];
  return names((added.con.keys ?? added.con.fk_attrs) as Node[] | undefined);
}
