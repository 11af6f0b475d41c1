/**
 * Which lock a statement takes on which relations, as measured on PG 15–18 in
 * ../shared/reference/postgres-locks.md. Statement → [{ relation, mode }]; shared by lock rules and verify.
 */
import { names, nodeAs, walkAst, type Node, type NodeOf } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { SchemaModel } from '../schema/model.js';
import { columnConstraints } from '../sql/alter-table.js';
import { DEFAULT_SCHEMA, refOf, refOfKey, refOfNames, relationKey, type RelationRef } from '../sql/qualified-name.js';
import { optionEnabled } from '../sql/option-flags.js';

export const LOCK_MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

export interface RelationLock {
  /** `schema.name` of the locked relation. */
  key: string;
  ref: RelationRef;
  kind: 'table' | 'index' | 'sequence';
  mode: LockMode;
  /** For an index: the key of its table, when the schema model knows it. */
  table?: string;
}

export interface LockContext {
  /** The schema before the statement: finds an index's table, a constraint's referenced table, partitions. */
  schema?: SchemaModel;
  postgresVersion?: number;
}

/** Position in the lock hierarchy: higher conflicts with more. */
export function lockRank(mode: LockMode): number {
  return LOCK_MODES.indexOf(mode);
}

export function strongerLock(a: LockMode, b: LockMode): LockMode {
  return lockRank(a) >= lockRank(b) ? a : b;
}

/** SHARE and stronger: INSERT, UPDATE and DELETE wait. */
export function blocksWrites(mode: LockMode): boolean {
  return lockRank(mode) >= lockRank('SHARE');
}

/** Only ACCESS EXCLUSIVE blocks plain SELECT. */
export function blocksReads(mode: LockMode): boolean {
  return mode === 'ACCESS EXCLUSIVE';
}

/** What the lock stops, for messages. */
export function lockEffect(mode: LockMode): string {
  if (blocksReads(mode)) return 'blocks every read and write';
  if (blocksWrites(mode)) return 'blocks every write';
  if (mode === 'SHARE UPDATE EXCLUSIVE') return 'blocks VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY and other schema changes';
  return 'blocks only schema changes';
}

const LOCK_STMT_MODES: Record<number, LockMode> = {
  1: 'ACCESS SHARE',
  2: 'ROW SHARE',
  3: 'ROW EXCLUSIVE',
  4: 'SHARE UPDATE EXCLUSIVE',
  5: 'SHARE',
  6: 'SHARE ROW EXCLUSIVE',
  7: 'EXCLUSIVE',
  8: 'ACCESS EXCLUSIVE',
};

/** ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE on the table. */
const ALTER_TABLE_MODES: Partial<Record<string, LockMode>> = {
  AT_SetStatistics: 'SHARE UPDATE EXCLUSIVE',
  AT_SetOptions: 'SHARE UPDATE EXCLUSIVE',
  AT_ResetOptions: 'SHARE UPDATE EXCLUSIVE',
  AT_SetRelOptions: 'SHARE UPDATE EXCLUSIVE',
  AT_ResetRelOptions: 'SHARE UPDATE EXCLUSIVE',
  AT_ValidateConstraint: 'SHARE UPDATE EXCLUSIVE',
  AT_ClusterOn: 'SHARE UPDATE EXCLUSIVE',
  AT_DropCluster: 'SHARE UPDATE EXCLUSIVE',
  AT_AttachPartition: 'SHARE UPDATE EXCLUSIVE',
  AT_EnableTrig: 'SHARE ROW EXCLUSIVE',
  AT_EnableAlwaysTrig: 'SHARE ROW EXCLUSIVE',
  AT_EnableReplicaTrig: 'SHARE ROW EXCLUSIVE',
  AT_DisableTrig: 'SHARE ROW EXCLUSIVE',
  AT_EnableTrigAll: 'SHARE ROW EXCLUSIVE',
  AT_DisableTrigAll: 'SHARE ROW EXCLUSIVE',
  AT_EnableTrigUser: 'SHARE ROW EXCLUSIVE',
  AT_DisableTrigUser: 'SHARE ROW EXCLUSIVE',
};

class Locks {
  private readonly byKey = new Map<string, RelationLock>();
  constructor(private readonly ctx: LockContext) {}

  add(ref: RelationRef | undefined, mode: LockMode, kind: RelationLock['kind'] = 'table'): void {
    if (!ref) return;
    const key = relationKey(ref);
    const had = this.byKey.get(key);
    const table = kind === 'index' ? this.ctx.schema?.indexes.get(key)?.table : undefined;
    this.byKey.set(key, { key, ref, kind, mode: had ? strongerLock(had.mode, mode) : mode, ...(table ? { table } : {}) });
  }

  addRangeVar(rv: NodeOf<'RangeVar'> | undefined, mode: LockMode, kind: RelationLock['kind'] = 'table'): void {
    this.add(refOf(rv), mode, kind);
  }

  /** A table by key from the schema model. */
  addKey(key: string | undefined, mode: LockMode): void {
    if (!key) return;
    const t = this.ctx.schema?.tables.get(key);
    this.add(t ? { schema: t.schema, name: t.name } : refOfKey(key), mode);
  }

  /** An index and, when the model knows it, its table. */
  addIndex(ref: RelationRef | undefined, indexMode: LockMode, tableMode: LockMode): void {
    if (!ref) return;
    this.add(ref, indexMode, 'index');
    this.addKey(this.ctx.schema?.indexes.get(relationKey(ref))?.table, tableMode);
  }

  knowsIndex(ref: RelationRef | undefined): boolean {
    return !!ref && !!this.ctx.schema?.indexes.has(relationKey(ref));
  }

  indexGone(ref: RelationRef | undefined): boolean {
    return !!this.ctx.schema?.indexGone(ref);
  }

  /** Tables whose foreign keys reference `key` (for CASCADE). */
  referencing(key: string): string[] {
    const out: string[] = [];
    for (const t of this.ctx.schema?.tables.values() ?? []) {
      if (t.key !== key && [...t.constraints.values()].some((c) => c.kind === 'foreign' && c.references === key)) out.push(t.key);
    }
    return out;
  }

  /** Tables that a table's foreign keys reference. */
  referenced(key: string): string[] {
    const t = this.ctx.schema?.tables.get(key);
    return [...(t?.constraints.values() ?? [])].filter((c) => c.kind === 'foreign' && c.references).map((c) => c.references!);
  }

  list(): RelationLock[] {
    return [...this.byKey.values()];
  }
}

/** Relations a query reads (FROM, JOIN, sub-selects): ACCESS SHARE each. */
function addReadRelations(locks: Locks, node: unknown, except?: NodeOf<'RangeVar'>): void {
  walkAst(node, (kind, body) => {
    if (kind === 'RangeVar' && body !== except) locks.addRangeVar(body as NodeOf<'RangeVar'>, 'ACCESS SHARE');
  });
}

function alterTableLocks(alter: NodeOf<'AlterTableStmt'>, locks: Locks, ctx: LockContext): void {
  const ref = refOf(alter.relation);
  if (!ref) return;
  const key = relationKey(ref);
  const objtype = alter.objtype ?? 'OBJECT_TABLE';
  const cmds = ((alter.cmds as Node[]) ?? []).map((c) => nodeAs(c, 'AlterTableCmd')).filter((c) => !!c);
  if (objtype === 'OBJECT_INDEX') {
    const light = cmds.every((c) => c.subtype && ['AT_SetStatistics', 'AT_SetRelOptions', 'AT_ResetRelOptions'].includes(c.subtype));
    locks.add(ref, light ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', 'index');
    return;
  }
  if (objtype === 'OBJECT_SEQUENCE') return locks.add(ref, 'ACCESS EXCLUSIVE', 'sequence');
  for (const cmd of cmds) {
    const subtype = cmd.subtype ?? '';
    locks.add(ref, alterTableCmdMode(cmd));
    switch (subtype) {
      case 'AT_AddConstraint': {
        const con = nodeAs(cmd.def, 'Constraint');
        if (con?.contype === 'CONSTR_FOREIGN') locks.addRangeVar(con.pktable, 'SHARE ROW EXCLUSIVE');
        if (con?.indexname) locks.add({ schema: ref.schema, name: con.indexname }, 'SHARE UPDATE EXCLUSIVE', 'index');
        break;
      }
      case 'AT_AddColumn':
        for (const con of columnConstraints(nodeAs(cmd.def, 'ColumnDef'))) {
          if (con.contype === 'CONSTR_FOREIGN') locks.addRangeVar(con.pktable, 'SHARE ROW EXCLUSIVE');
        }
        break;
      case 'AT_ValidateConstraint': {
        const con = cmd.name ? ctx.schema?.tables.get(key)?.constraints.get(cmd.name) : undefined;
        if (con?.kind === 'foreign') locks.addKey(con.references, 'ROW SHARE');
        break;
      }
      case 'AT_DropConstraint': {
        // Measured: dropping an FK takes ACCESS EXCLUSIVE on the referenced table too.
        const con = cmd.name ? ctx.schema?.tables.get(key)?.constraints.get(cmd.name) : undefined;
        if (con?.kind === 'foreign') locks.addKey(con.references, 'ACCESS EXCLUSIVE');
        break;
      }
      case 'AT_AttachPartition':
        locks.addRangeVar(nodeAs(cmd.def, 'PartitionCmd')?.name, 'ACCESS EXCLUSIVE');
        break;
      case 'AT_DetachPartition':
      case 'AT_DetachPartitionFinalize': {
        const part = nodeAs(cmd.def, 'PartitionCmd');
        if (!part?.concurrent) locks.addRangeVar(part?.name, 'ACCESS EXCLUSIVE');
        break;
      }
      case 'AT_AddInherit':
      case 'AT_DropInherit':
        locks.addRangeVar(nodeAs(cmd.def, 'RangeVar'), 'SHARE UPDATE EXCLUSIVE');
        break;
    }
  }
}

/** The lock one ALTER TABLE subcommand takes on the table itself. */
function alterTableCmdMode(cmd: NodeOf<'AlterTableCmd'>): LockMode {
  // Measured: FK add (valid or NOT VALID) takes SHARE ROW EXCLUSIVE on both tables.
  if (cmd.subtype === 'AT_AddConstraint' && nodeAs(cmd.def, 'Constraint')?.contype === 'CONSTR_FOREIGN') return 'SHARE ROW EXCLUSIVE';
  // Measured: plain DETACH takes ACCESS EXCLUSIVE on both tables; CONCURRENTLY SHARE UPDATE EXCLUSIVE on the parent.
  if (cmd.subtype === 'AT_DetachPartition' && nodeAs(cmd.def, 'PartitionCmd')?.concurrent) return 'SHARE UPDATE EXCLUSIVE';
  return ALTER_TABLE_MODES[cmd.subtype ?? ''] ?? 'ACCESS EXCLUSIVE';
}

function dropLocks(drop: NodeOf<'DropStmt'>, locks: Locks): void {
  for (const obj of (drop.objects as Node[]) ?? []) {
    const parts = names(nodeAs(obj, 'List')?.items as Node[] | undefined);
    const ref = refOfNames(parts);
    switch (drop.removeType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
      case 'OBJECT_FOREIGN_TABLE': {
        if (!ref) break;
        const key = relationKey(ref);
        locks.add(ref, 'ACCESS EXCLUSIVE');
        // Dropping a table drops its FKs, which takes ACCESS EXCLUSIVE on the referenced tables.
        for (const k of locks.referenced(key)) locks.addKey(k, 'ACCESS EXCLUSIVE');
        if (drop.behavior === 'DROP_CASCADE') for (const k of locks.referencing(key)) locks.addKey(k, 'ACCESS EXCLUSIVE');
        break;
      }
      case 'OBJECT_INDEX':
        // An index the migrations already dropped: IF EXISTS makes this statement lock nothing.
        if (drop.missing_ok && !locks.knowsIndex(ref) && locks.indexGone(ref)) break;
        if (drop.concurrent) locks.addIndex(ref, 'SHARE UPDATE EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE');
        else locks.addIndex(ref, 'ACCESS EXCLUSIVE', 'ACCESS EXCLUSIVE');
        break;
      case 'OBJECT_SEQUENCE':
        locks.add(ref, 'ACCESS EXCLUSIVE', 'sequence');
        break;
      case 'OBJECT_TRIGGER':
      case 'OBJECT_POLICY':
      case 'OBJECT_RULE':
        // Last name is the trigger/policy; the rest names the table.
        locks.add(refOfNames(parts.slice(0, -1)), 'ACCESS EXCLUSIVE');
        break;
    }
  }
}

function createLocks(create: NodeOf<'CreateStmt'>, locks: Locks): void {
  const parents = ((create.inhRelations as Node[]) ?? []).map((r) => nodeAs(r, 'RangeVar'));
  // PARTITION OF takes ACCESS EXCLUSIVE on the parent; INHERITS only SHARE UPDATE EXCLUSIVE.
  for (const p of parents) locks.addRangeVar(p, create.partbound ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE');
  walkAst(create.tableElts, (kind, body) => {
    if (kind === 'Constraint' && (body as NodeOf<'Constraint'>).contype === 'CONSTR_FOREIGN') {
      locks.addRangeVar((body as NodeOf<'Constraint'>).pktable, 'SHARE ROW EXCLUSIVE');
    }
    if (kind === 'TableLikeClause') locks.addRangeVar((body as NodeOf<'TableLikeClause'>).relation, 'ACCESS SHARE');
  });
}

function reindexLocks(stmt: NodeOf<'ReindexStmt'>, locks: Locks, ctx: LockContext): void {
  const concurrent = optionEnabled(stmt.params as Node[] | undefined, 'concurrently');
  const ref = refOf(stmt.relation);
  if (stmt.kind === 'REINDEX_OBJECT_INDEX') {
    if (concurrent) locks.addIndex(ref, 'SHARE UPDATE EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE');
    else locks.addIndex(ref, 'ACCESS EXCLUSIVE', 'SHARE');
  } else if (stmt.kind === 'REINDEX_OBJECT_TABLE' && ref) {
    locks.add(ref, concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE');
    const key = relationKey(ref);
    for (const i of ctx.schema?.indexes.values() ?? []) {
      if (i.table === key) locks.add({ schema: i.schema, name: i.name }, concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', 'index');
    }
  }
}

function renameLocks(r: NodeOf<'RenameStmt'>, locks: Locks): void {
  switch (r.renameType) {
    case 'OBJECT_INDEX':
      return locks.addRangeVar(r.relation, 'SHARE UPDATE EXCLUSIVE', 'index');
    case 'OBJECT_SEQUENCE':
      return locks.addRangeVar(r.relation, 'ACCESS EXCLUSIVE', 'sequence');
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_FOREIGN_TABLE':
    case 'OBJECT_COLUMN':
    case 'OBJECT_TABCONSTRAINT':
    case 'OBJECT_TRIGGER':
    case 'OBJECT_POLICY':
      return locks.addRangeVar(r.relation, 'ACCESS EXCLUSIVE');
  }
}

/** Tables whose columns have the domain type (ALTER DOMAIN … ADD CONSTRAINT locks and scans them). */
function domainUsers(parts: string[], locks: Locks, ctx: LockContext, mode: LockMode): void {
  const name = parts[parts.length - 1];
  const schema = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  for (const t of ctx.schema?.tables.values() ?? []) {
    const uses = [...t.columns.values()].some((c) => c.type.name === name && (c.type.schema ?? DEFAULT_SCHEMA) === (schema ?? c.type.schema ?? DEFAULT_SCHEMA));
    if (uses) locks.addKey(t.key, mode);
  }
}

/** The relation-level locks a statement takes when it runs (CONCURRENTLY statements: what they hold outside a transaction). */
export function relationLocks(statement: Statement | Node, ctx: LockContext = {}): RelationLock[] {
  const n = 'node' in statement && 'locate' in statement ? (statement as Statement).node : (statement as Node);
  const locks = new Locks(ctx);
  const alter = nodeAs(n, 'AlterTableStmt');
  if (alter) alterTableLocks(alter, locks, ctx);
  const idx = nodeAs(n, 'IndexStmt');
  if (idx) {
    const mode: LockMode = idx.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE';
    locks.addRangeVar(idx.relation, mode);
    // Measured: a plain CREATE INDEX on a partitioned table takes SHARE on every partition too (not with ONLY).
    const ref = refOf(idx.relation);
    if (ref && idx.relation?.inh) {
      const key = relationKey(ref);
      for (const t of ctx.schema?.tables.values() ?? []) if (t.partitionOf === key) locks.addKey(t.key, mode);
    }
  }
  const drop = nodeAs(n, 'DropStmt');
  if (drop) dropLocks(drop, locks);
  const create = nodeAs(n, 'CreateStmt');
  if (create) createLocks(create, locks);
  const trig = nodeAs(n, 'CreateTrigStmt');
  if (trig) locks.addRangeVar(trig.relation, 'SHARE ROW EXCLUSIVE');
  const policy = nodeAs(n, 'CreatePolicyStmt') ?? nodeAs(n, 'AlterPolicyStmt');
  if (policy) locks.addRangeVar(policy.table, 'ACCESS EXCLUSIVE');
  const rename = nodeAs(n, 'RenameStmt');
  if (rename) renameLocks(rename, locks);
  const move = nodeAs(n, 'AlterObjectSchemaStmt');
  if (move?.relation) locks.addRangeVar(move.relation, 'ACCESS EXCLUSIVE', move.objectType === 'OBJECT_SEQUENCE' ? 'sequence' : 'table');
  const comment = nodeAs(n, 'CommentStmt');
  if (comment) {
    const parts = names(nodeAs(comment.object, 'List')?.items as Node[] | undefined);
    if (comment.objtype === 'OBJECT_TABLE' || comment.objtype === 'OBJECT_VIEW' || comment.objtype === 'OBJECT_MATVIEW') {
      locks.add(refOfNames(parts), 'SHARE UPDATE EXCLUSIVE');
    } else if (comment.objtype === 'OBJECT_COLUMN') locks.add(refOfNames(parts.slice(0, -1)), 'SHARE UPDATE EXCLUSIVE');
    else if (comment.objtype === 'OBJECT_INDEX') locks.add(refOfNames(parts), 'SHARE UPDATE EXCLUSIVE', 'index');
  }
  const vacuum = nodeAs(n, 'VacuumStmt');
  if (vacuum) {
    const full = optionEnabled(vacuum.options as Node[] | undefined, 'full');
    for (const r of (vacuum.rels as Node[]) ?? []) locks.addRangeVar(nodeAs(r, 'VacuumRelation')?.relation, full ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE');
  }
  const cluster = nodeAs(n, 'ClusterStmt');
  if (cluster) locks.addRangeVar(cluster.relation, 'ACCESS EXCLUSIVE');
  const reindex = nodeAs(n, 'ReindexStmt');
  if (reindex) reindexLocks(reindex, locks, ctx);
  const refresh = nodeAs(n, 'RefreshMatViewStmt');
  if (refresh) locks.addRangeVar(refresh.relation, refresh.concurrent ? 'EXCLUSIVE' : 'ACCESS EXCLUSIVE');
  const truncate = nodeAs(n, 'TruncateStmt');
  if (truncate) {
    for (const r of (truncate.relations as Node[]) ?? []) {
      const rv = nodeAs(r, 'RangeVar');
      locks.addRangeVar(rv, 'ACCESS EXCLUSIVE');
      const ref = refOf(rv);
      if (ref && truncate.behavior === 'DROP_CASCADE') for (const k of locks.referencing(relationKey(ref))) locks.addKey(k, 'ACCESS EXCLUSIVE');
    }
  }
  const lock = nodeAs(n, 'LockStmt');
  if (lock) for (const r of (lock.relations as Node[]) ?? []) locks.addRangeVar(nodeAs(r, 'RangeVar'), LOCK_STMT_MODES[lock.mode ?? 8] ?? 'ACCESS EXCLUSIVE');
  const seq = nodeAs(n, 'AlterSeqStmt');
  if (seq) locks.addRangeVar(seq.sequence, 'SHARE ROW EXCLUSIVE', 'sequence');
  const domain = nodeAs(n, 'AlterDomainStmt');
  if (domain && (domain.subtype === 'C' || domain.subtype === 'O' || domain.subtype === 'V')) {
    const con = nodeAs(domain.def, 'Constraint');
    // Measured: ADD CHECK takes SHARE on every table using the domain and scans them; NOT VALID locks none.
    // SET NOT NULL ('O') and VALIDATE CONSTRAINT ('V') too (PGlite 18.6: SHARE on each user table, one seq scan each).
    if (domain.subtype !== 'C' || (con && !con.skip_validation)) domainUsers(names(domain.typeName as Node[]), locks, ctx, 'SHARE');
  }
  const view = nodeAs(n, 'ViewStmt');
  if (view) {
    if (view.replace && ctx.schema?.table(refOf(view.view))) locks.addRangeVar(view.view, 'ACCESS EXCLUSIVE');
    addReadRelations(locks, view.query);
  }
  const ctas = nodeAs(n, 'CreateTableAsStmt');
  if (ctas) addReadRelations(locks, ctas.query);
  dmlLocks(n, locks);
  const grant = nodeAs(n, 'GrantStmt');
  // Measured: from PG 18 GRANT/REVOKE on a table take ACCESS SHARE on it.
  if (grant && grant.objtype === 'OBJECT_TABLE' && grant.targtype === 'ACL_TARGET_OBJECT' && (ctx.postgresVersion ?? 0) >= 18) {
    for (const o of (grant.objects as Node[]) ?? []) locks.addRangeVar(nodeAs(o, 'RangeVar'), 'ACCESS SHARE');
  }
  return locks.list();
}

function dmlLocks(n: Node, locks: Locks): void {
  const target =
    nodeAs(n, 'UpdateStmt')?.relation ?? nodeAs(n, 'DeleteStmt')?.relation ?? nodeAs(n, 'InsertStmt')?.relation ?? nodeAs(n, 'MergeStmt')?.relation;
  if (target) {
    locks.addRangeVar(target, 'ROW EXCLUSIVE');
    addReadRelations(locks, n, target);
    return;
  }
  const select = nodeAs(n, 'SelectStmt');
  if (!select) return;
  const forUpdate = ((select.lockingClause as Node[]) ?? []).length > 0;
  walkAst(select, (kind, body) => {
    if (kind === 'RangeVar') locks.addRangeVar(body as NodeOf<'RangeVar'>, forUpdate ? 'ROW SHARE' : 'ACCESS SHARE');
  });
}

/**
 * Locks as they affect tables: an index lock counts against its table (the planner takes ACCESS SHARE
 * on every index of a table it reads, so an ACCESS EXCLUSIVE index lock blocks plain SELECTs).
 * Index locks whose table is unknown stay as they are.
 */
export function tableLocks(locks: readonly RelationLock[]): RelationLock[] {
  const out = new Map<string, RelationLock>();
  for (const l of locks) {
    const key = l.kind === 'index' && l.table ? l.table : l.key;
    const had = out.get(key);
    if (had) {
      had.mode = strongerLock(had.mode, l.mode);
      continue;
    }
    if (l.kind === 'index' && l.table) out.set(key, { key, ref: refOfKey(l.table), kind: 'table', mode: l.mode });
    else out.set(key, { ...l });
  }
  return [...out.values()];
}
