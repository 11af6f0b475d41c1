import { names, nodeAs, type Node, type NodeOf } from './ast.js';
import { DEFAULT_SCHEMA, refOf, type RelationRef } from './qualified-name.js';
import type { Statement } from './statement.js';
import { columnConstraints } from './alter-table.js';

/**
 * Names share a namespace with others of the same kind: constraints per table; tables, views,
 * sequences, indexes (and the indexes behind primary keys and unique constraints) per schema.
 */
export type Namespace = { kind: 'constraint'; table: RelationRef } | { kind: 'relation'; schema: string } | { kind: 'other' };

/** A name that a statement gives to a new object (or to an existing one, by RENAME). */
export interface DefinedName {
  name: string;
  /** What it names, for messages: table, column, constraint, index … */
  what: string;
  namespace: Namespace;
  at?: number;
}

const INDEX_BACKED = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);

function relationNamespace(ref: RelationRef | undefined): Namespace {
  return { kind: 'relation', schema: ref?.schema ?? DEFAULT_SCHEMA };
}

function constraintName(con: NodeOf<'Constraint'>, table: RelationRef): DefinedName[] {
  if (!con.conname) return [];
  const namespace: Namespace = INDEX_BACKED.has(con.contype ?? '') ? relationNamespace(table) : { kind: 'constraint', table };
  return [{ name: con.conname, what: 'constraint', namespace, at: con.location }];
}

function columnNames(def: NodeOf<'ColumnDef'>, table: RelationRef): DefinedName[] {
  const own: DefinedName[] = def.colname ? [{ name: def.colname, what: 'column', namespace: { kind: 'other' }, at: def.location }] : [];
  return [...own, ...columnConstraints(def).flatMap((c) => constraintName(c, table))];
}

function lastName(list: Node[] | undefined): string | undefined {
  const parts = names(list);
  return parts[parts.length - 1];
}

/** What a RENAME names, for messages ("the new policy name …"). */
const RENAMED_KIND: Record<string, string> = {
  OBJECT_TABLE: 'table',
  OBJECT_COLUMN: 'column',
  OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_DOMCONSTRAINT: 'constraint',
  OBJECT_INDEX: 'index',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_POLICY: 'policy',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_SCHEMA: 'schema',
  OBJECT_FUNCTION: 'function',
  OBJECT_ATTRIBUTE: 'attribute',
};

/** Every identifier a statement defines: what CREATE, ADD and RENAME name. References are not included. */
export function definedNames(statement: Statement): DefinedName[] {
  const n = statement.node;
  const create = nodeAs(n, 'CreateStmt');
  const table = refOf(create?.relation);
  if (create && table) {
    const out: DefinedName[] = [{ name: table.name, what: 'table', namespace: relationNamespace(table), at: create.relation?.location }];
    for (const e of (create.tableElts as Node[]) ?? []) {
      const def = nodeAs(e, 'ColumnDef');
      if (def) out.push(...columnNames(def, table));
      const con = nodeAs(e, 'Constraint');
      if (con) out.push(...constraintName(con, table));
    }
    return out;
  }
  const alter = nodeAs(n, 'AlterTableStmt');
  const altered = refOf(alter?.relation);
  if (alter && altered) {
    return ((alter.cmds as Node[]) ?? []).flatMap((c) => {
      const cmd = nodeAs(c, 'AlterTableCmd');
      const def = cmd?.subtype === 'AT_AddColumn' ? nodeAs(cmd.def, 'ColumnDef') : undefined;
      if (def) return columnNames(def, altered);
      const con = cmd?.subtype === 'AT_AddConstraint' ? nodeAs(cmd.def, 'Constraint') : undefined;
      return con ? constraintName(con, altered) : [];
    });
  }
  const index = nodeAs(n, 'IndexStmt');
  if (index?.idxname) return [{ name: index.idxname, what: 'index', namespace: relationNamespace(refOf(index.relation)) }];
  const rename = nodeAs(n, 'RenameStmt');
  if (rename?.newname) {
    const ref = refOf(rename.relation);
    const namespace: Namespace =
      rename.renameType === 'OBJECT_TABCONSTRAINT' && ref
        ? { kind: 'constraint', table: ref }
        : ['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE'].includes(rename.renameType ?? '')
          ? relationNamespace(ref)
          : { kind: 'other' };
    return [{ name: rename.newname, what: `new ${RENAMED_KIND[rename.renameType ?? ''] ?? 'object'}`, namespace }];
  }
  const single = (name: string | undefined, what: string, namespace: Namespace = { kind: 'other' }, at?: number): DefinedName[] =>
    name ? [{ name, what, namespace, at }] : [];
  const view = nodeAs(n, 'ViewStmt');
  if (view) return single(view.view?.relname, 'view', relationNamespace(refOf(view.view)), view.view?.location);
  const ctas = nodeAs(n, 'CreateTableAsStmt');
  if (ctas) return single(ctas.into?.rel?.relname, 'table', relationNamespace(refOf(ctas.into?.rel)), ctas.into?.rel?.location);
  const seq = nodeAs(n, 'CreateSeqStmt');
  if (seq) return single(seq.sequence?.relname, 'sequence', relationNamespace(refOf(seq.sequence)), seq.sequence?.location);
  const en = nodeAs(n, 'CreateEnumStmt');
  if (en) return single(lastName(en.typeName as Node[]), 'type');
  const domain = nodeAs(n, 'CreateDomainStmt');
  if (domain) return single(lastName(domain.domainname as Node[]), 'domain');
  const schema = nodeAs(n, 'CreateSchemaStmt');
  if (schema) return single(schema.schemaname, 'schema');
  const policy = nodeAs(n, 'CreatePolicyStmt');
  if (policy) return single(policy.policy_name, 'policy');
  const trigger = nodeAs(n, 'CreateTrigStmt');
  if (trigger) return single(trigger.trigname, 'trigger');
  const fn = nodeAs(n, 'CreateFunctionStmt');
  if (fn) return single(lastName(fn.funcname as Node[]), 'function');
  return [];
}
