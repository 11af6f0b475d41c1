import { nodeAs, type Node, type NodeOf } from '../../sql/ast.js';
import type { Statement } from '../../sql/statement.js';
import { refOf, relationKey } from '../../schema/model.js';
import type { RelationRef } from '../../schema/types.js';

export interface AlterTable {
  ref: RelationRef;
  key: string;
  stmt: NodeOf<'AlterTableStmt'>;
  cmds: NodeOf<'AlterTableCmd'>[];
}

/** The table and commands of an `ALTER TABLE` (not ALTER INDEX / VIEW / SEQUENCE). */
export function alterTable(statement: Statement): AlterTable | undefined {
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
