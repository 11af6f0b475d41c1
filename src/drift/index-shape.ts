/**
 * An index definition compared by what it does: method, key columns and expressions with their
 * order, NULLS placement and operator class, INCLUDE columns, predicate, uniqueness. The database's
 * side is pg_get_indexdef() text parsed back; the migrations' side is the CREATE INDEX as written
 * (column names following later renames).
 */
import { deparseSync } from 'pgsql-deparser';
import { nodeAs, names, type Node, type NodeOf } from '../sql/ast.js';
import { parseSql } from '../sql/parser.js';
import type { Index } from '../schema/types.js';
import { canonicalExpression } from './expression.js';

type IndexStmt = NodeOf<'IndexStmt'>;

export function parseIndexDefinition(text: string): IndexStmt | undefined {
  try {
    return nodeAs(parseSql(text)[0]?.node, 'IndexStmt');
  } catch {
    return undefined;
  }
}

function element(node: Node, withOpclass: boolean): unknown {
  const e = nodeAs(node, 'IndexElem');
  if (!e) return null;
  const desc = e.ordering === 'SORTBY_DESC';
  // NULLS LAST is the default ascending, NULLS FIRST descending (pg_get_indexdef prints only the other).
  const nullsFirst = e.nulls_ordering === 'SORTBY_NULLS_FIRST' ? true : e.nulls_ordering === 'SORTBY_NULLS_LAST' ? false : desc;
  const opclass = names(e.opclass as Node[] | undefined);
  return {
    key: e.name ?? canonicalExpression(e.expr as Node),
    desc,
    nullsFirst,
    ...(withOpclass && opclass.length ? { opclass: opclass[opclass.length - 1] } : {}),
    ...(e.collation ? { collation: names(e.collation as Node[]).at(-1) } : {}),
  };
}

/**
 * The comparable shape. pg_get_indexdef leaves out an operator class that is the type's default, so
 * operator classes are compared only when the database names them (`opclassesOf` that side):
 * a migration that spells out the default one is not drift.
 */
export function indexShape(stmt: IndexStmt, opclassesFrom: IndexStmt = stmt): string {
  const params = (stmt.indexParams as Node[] | undefined) ?? [];
  const other = (opclassesFrom.indexParams as Node[] | undefined) ?? [];
  return JSON.stringify({
    unique: !!stmt.unique,
    method: (stmt.accessMethod ?? 'btree').toLowerCase(),
    params: params.map((p, i) => element(p, names(nodeAs(other[i], 'IndexElem')?.opclass as Node[] | undefined).length > 0)),
    include: ((stmt.indexIncludingParams as Node[] | undefined) ?? []).map((p) => nodeAs(p, 'IndexElem')?.name ?? null),
    where: stmt.whereClause ? canonicalExpression(stmt.whereClause as Node) : null,
    nullsNotDistinct: !!stmt.nulls_not_distinct,
  });
}

/** Same index: shapes equal, operator classes compared where the database names them. */
export function sameIndex(mine: IndexStmt, theirs: IndexStmt): boolean {
  return indexShape(mine, theirs) === indexShape(theirs, theirs);
}

/** The migrations' CREATE INDEX as SQL, under its current name, for messages. */
export function indexText(stmt: IndexStmt, index: Index): string {
  try {
    const relation = { relname: index.table.slice(index.table.indexOf('.') + 1), schemaname: index.table.slice(0, index.table.indexOf('.')), inh: true, relpersistence: 'p' };
    return deparseSync({ IndexStmt: { ...stmt, idxname: index.name, relation, concurrent: false, if_not_exists: false } } as never, { pretty: false }).trim().replace(/;$/, '');
  } catch {
    return `CREATE INDEX ${index.name}`;
  }
}
