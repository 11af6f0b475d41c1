import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { columnTypeOf } from './column-type.js';
import { refOf, relationKey } from './model.js';
import type { ColumnType, RelationRef } from './types.js';
import type { Statement } from '../sql/statement.js';
import { alterTable, columnConstraints } from '../sql/alter-table.js';

/** A column whose type a statement chooses: the places where the style rules apply. */
export interface DefinedColumn {
  ref: RelationRef;
  key: string;
  name: string;
  typeName: NodeOf<'TypeName'>;
  type: ColumnType;
  via: 'create-table' | 'add-column' | 'alter-type';
  /** Part of a PRIMARY KEY declared in the same statement. */
  primaryKey: boolean;
  /** Part of a FOREIGN KEY declared in the same statement; the referenced table and column when given. */
  foreignKey?: { table: RelationRef; column?: string };
}

/**
 * Columns of CREATE TABLE, ALTER TABLE … ADD COLUMN and ALTER COLUMN … TYPE, with the keys declared
 * alongside. Worked out once per statement: eight rules ask, some for every statement of the file.
 */
export function definedColumns(statement: Statement): readonly DefinedColumn[] {
  let columns = memo.get(statement);
  if (!columns) memo.set(statement, (columns = findColumns(statement)));
  return columns;
}

const memo = new WeakMap<Statement, readonly DefinedColumn[]>();

function findColumns(statement: Statement): DefinedColumn[] {
  const create = nodeAs(statement.node, 'CreateStmt');
  if (create) return createdColumns(create);
  const alter = alterTable(statement);
  if (!alter) return [];
  const { ref } = alter;
  const out: DefinedColumn[] = [];
  for (const cmd of alter.cmds) {
    const def = nodeAs(cmd.def, 'ColumnDef');
    if (!def?.typeName) continue;
    if (cmd.subtype === 'AT_AddColumn' && def.colname) out.push(column(ref, def.colname, def.typeName, 'add-column', columnConstraints(def), []));
    if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) out.push(column(ref, cmd.name, def.typeName, 'alter-type', [], []));
  }
  return out;
}

function createdColumns(create: NodeOf<'CreateStmt'>): DefinedColumn[] {
  const ref = refOf(create.relation);
  if (!ref) return [];
  const elts = (create.tableElts as Node[]) ?? [];
  const tableConstraints = elts.map((e) => nodeAs(e, 'Constraint')).filter((c) => !!c);
  const out: DefinedColumn[] = [];
  for (const e of elts) {
    const def = nodeAs(e, 'ColumnDef');
    if (def?.colname && def.typeName) out.push(column(ref, def.colname, def.typeName, 'create-table', columnConstraints(def), tableConstraints));
  }
  return out;
}

function column(
  ref: RelationRef,
  name: string,
  typeName: NodeOf<'TypeName'>,
  via: DefinedColumn['via'],
  own: NodeOf<'Constraint'>[],
  table: NodeOf<'Constraint'>[],
): DefinedColumn {
  let primaryKey = own.some((c) => c.contype === 'CONSTR_PRIMARY');
  let foreignKey: DefinedColumn['foreignKey'];
  for (const c of own) {
    const target = refOf(c.pktable);
    if (c.contype === 'CONSTR_FOREIGN' && target) foreignKey = { table: target, column: names(c.pk_attrs as Node[] | undefined)[0] };
  }
  for (const c of table) {
    const keys = names(c.keys as Node[] | undefined);
    if (c.contype === 'CONSTR_PRIMARY' && keys.includes(name)) primaryKey = true;
    const fkCols = names(c.fk_attrs as Node[] | undefined);
    const target = refOf(c.pktable);
    const at = fkCols.indexOf(name);
    if (c.contype === 'CONSTR_FOREIGN' && target && at >= 0) foreignKey = { table: target, column: names(c.pk_attrs as Node[] | undefined)[at] };
  }
  return { ref, key: relationKey(ref), name, typeName, type: columnTypeOf(typeName), via, primaryKey, foreignKey };
}
