/**
 * The model's objects as SQL that re-creates them: column definitions (type, collation, identity or
 * generation, default, NOT NULL), table constraints, indexes, policies, views and tables. Built as
 * AST nodes from the definitions the schema model keeps, then printed by the deparser.
 */
import { names, nodeAs, type Node } from '../sql/ast.js';
import { columnTypeOf } from '../schema/column-type.js';
import type { Column, ColumnType, Constraint, Index, Policy, Table } from '../schema/types.js';
import { deparse, nameList, qualified } from './sql-text.js';

const sameType = (a: ColumnType, b: ColumnType) =>
  a.name === b.name && a.schema === b.schema && a.arrayDims === b.arrayDims && a.mods.join() === b.mods.join() && a.serial === b.serial;

function rangeVar(schema: string, name: string): Node {
  return { RangeVar: { schemaname: schema, relname: name, inh: true, relpersistence: 'p' } } as Node;
}

/**
 * The column's type as a TypeName node. The type as written is kept when the model's canonical type
 * still matches it (it holds modifiers such as geometry(Point, 4326)); a renamed enum, a changed
 * type, or `serial` where only a real type fits (`SET DATA TYPE`) is built from the canonical type.
 */
export function typeNameNode(col: Column, where: 'create' | 'alter'): Node {
  const written = nodeAs(col.typeName, 'TypeName');
  const serialInAlter = where === 'alter' && col.type.serial;
  if (written && !serialInAlter && sameType(columnTypeOf(written), col.type)) return { TypeName: written } as Node;
  const t = col.type;
  return {
    TypeName: {
      names: nameList(t.schema ? [t.schema, t.name] : [t.name]),
      typmods: t.mods.map((ival) => ({ A_Const: { ival: { ival } } })),
      typemod: -1,
      ...(t.arrayDims ? { arrayBounds: Array.from({ length: t.arrayDims }, () => ({ Integer: { ival: -1 } })) } : {}),
    },
  } as Node;
}

export function typeSql(col: Column, where: 'create' | 'alter'): string {
  return deparse(typeNameNode(col, where));
}

/** `"name" type … DEFAULT … NOT NULL`, as ADD COLUMN and CREATE TABLE take it. */
export function columnDefSql(col: Column): string {
  const written = nodeAs(col.def, 'ColumnDef');
  const writtenCons = ((written?.constraints as Node[] | undefined) ?? []).map((c) => nodeAs(c, 'Constraint')).filter((c) => !!c);
  const constraints: Node[] = [];
  if (col.identity) {
    const when = col.identity === 'always' ? 'a' : 'd';
    const same = writtenCons.find((c) => c.contype === 'CONSTR_IDENTITY' && c.generated_when === when);
    constraints.push({ Constraint: same ?? { contype: 'CONSTR_IDENTITY', generated_when: when } } as Node);
  }
  if (col.generated) {
    const gen = writtenCons.find((c) => c.contype === 'CONSTR_GENERATED');
    if (gen) constraints.push({ Constraint: gen } as Node);
  }
  if (col.default) constraints.push({ Constraint: { contype: 'CONSTR_DEFAULT', raw_expr: col.default } } as Node);
  if (col.notNull) constraints.push({ Constraint: { contype: 'CONSTR_NOTNULL' } } as Node);
  const def = {
    colname: col.name,
    typeName: nodeAs(typeNameNode(col, 'create'), 'TypeName'),
    is_local: true,
    ...(written?.collClause ? { collClause: written.collClause } : {}),
    ...(constraints.length ? { constraints } : {}),
  };
  // The deparser leaves names it considers safe unquoted; drizzle-kit quotes every name, and so do we.
  const sql = deparse({ ColumnDef: def } as Node);
  const bare = sql.startsWith('"') ? sql.slice(sql.indexOf('"', 1) + 1) : sql.slice(sql.indexOf(' '));
  return `"${col.name.replace(/"/g, '""')}"${bare}`;
}

/** `CONSTRAINT "name" …` for ALTER TABLE … ADD; undefined when the model has no definition for it. */
export function constraintSql(con: Constraint): string | undefined {
  const def = nodeAs(con.def, 'Constraint');
  if (!def || con.kind === 'not-null') return undefined;
  const body: Record<string, unknown> = { ...def, conname: con.name };
  delete body.location;
  if (con.kind === 'primary' || con.kind === 'unique') {
    body.keys = nameList(con.columns);
    delete body.indexname;
  }
  if (con.kind === 'foreign') body.fk_attrs = nameList(con.columns);
  if (con.kind === 'check' || con.kind === 'foreign') {
    body.skip_validation = !con.validated;
    body.initially_valid = con.validated;
  }
  return deparse({ Constraint: body } as Node);
}

/** CREATE INDEX for an index made by CREATE INDEX (constraint indexes come back with their constraint). */
export function indexSql(index: Index, tableKey: string): string | undefined {
  const def = nodeAs(index.def, 'IndexStmt');
  if (!def) return undefined;
  const [schema, name] = splitKey(tableKey);
  return deparse({ IndexStmt: { ...def, idxname: index.name, relation: nodeAs(rangeVar(schema, name), 'RangeVar'), concurrent: false, if_not_exists: false } } as Node);
}

export function policySql(policy: Policy, table: Table): string | undefined {
  const def = nodeAs(policy.def, 'CreatePolicyStmt');
  if (!def) return undefined;
  return deparse({ CreatePolicyStmt: { ...def, policy_name: policy.name, table: nodeAs(rangeVar(table.schema, table.name), 'RangeVar') } } as Node);
}

/** CREATE VIEW / CREATE MATERIALIZED VIEW from the statement that made it. */
export function viewSql(table: Table): string | undefined {
  const view = nodeAs(table.def, 'ViewStmt');
  if (view) return deparse({ ViewStmt: { ...view, view: nodeAs(rangeVar(table.schema, table.name), 'RangeVar'), replace: false } } as Node);
  const ctas = nodeAs(table.def, 'CreateTableAsStmt');
  if (ctas?.into) return deparse({ CreateTableAsStmt: { ...ctas, into: { ...ctas.into, rel: nodeAs(rangeVar(table.schema, table.name), 'RangeVar') }, if_not_exists: false } } as Node);
  return undefined;
}

/** CREATE TABLE with the columns the model holds (constraints and indexes are added after it). */
export function createTableSql(table: Table): string {
  const create = nodeAs(table.def, 'CreateStmt');
  const name = qualified(table.schema, table.name);
  if (create?.partbound && create.inhRelations) {
    const sql = deparse({ CreateStmt: { ...create, relation: nodeAs(rangeVar(table.schema, table.name), 'RangeVar'), tableElts: [], if_not_exists: false } } as Node);
    return sql;
  }
  const unlogged = create?.relation?.relpersistence === 'u' ? 'UNLOGGED ' : '';
  const columns = [...table.columns.values()].map((c) => `\t${columnDefSql(c)}`).join(',\n');
  const partition = create?.partspec ? ` ${deparse({ CreateStmt: { relation: nodeAs(rangeVar('x', 'x'), 'RangeVar'), partspec: create.partspec } } as Node).replace(/^.*?\)\s*/, '')}` : '';
  return `CREATE ${unlogged}TABLE ${name} (\n${columns}\n)${partition}`;
}

export function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}

/** The user type a column type names, as `"schema"."name"` (default schema public). */
export function userTypeKey(t: ColumnType): string {
  return `${t.schema ?? 'public'}.${t.name}`;
}

export { names };
