import type { Session } from './database.js';
import { lockRank, type LockMode } from '../pg/lock-modes.js';
import type { Observed, ObservedLock } from './types.js';

/** Objects below this OID are built into the catalog: locks on them are the machinery, not the DDL. */
const FIRST_NORMAL_OID = 16384;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

const MODE_OF: Record<string, LockMode> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};


interface RelationRow {
  oid: number;
  name: string;
  relkind: string;
  relfilenode: number;
  table: string | null;
}

interface LockRow {
  key: string;
  mode: string;
}

interface ScanRow {
  relid: number;
  name: string;
  scans: string | number;
}

/** Everything compared before and after one statement. */
export interface Snapshot {
  relations: Map<number, RelationRow>;
  /** Keyed by object and mode: pg_locks has one row per mode held. */
  locks: Map<string, LockRow>;
  scans: Map<number, number>;
  /** User-defined types (enums, domains, ranges, composite types), not table row types: OID → name. */
  types: Map<number, string>;
}

const SHOWN_NAME = `CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END`;

const RELATIONS_SQL = `
SELECT c.oid::int AS oid, ${SHOWN_NAME} AS name, c.relkind::text AS relkind, c.relfilenode::int AS relfilenode,
       (SELECT CASE WHEN tn.nspname = 'public' THEN t.relname ELSE tn.nspname || '.' || t.relname END
          FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
         WHERE i.indexrelid = c.oid) AS "table"
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'i', 'I', 'S', 'm', 'v', 'f')`;

// Relation locks and type locks (ALTER TYPE … ADD VALUE locks the type, not a table). Names come
// from the snapshot taken when the transaction began: ALTER COLUMN TYPE drops the indexes it locked,
// so they are gone from pg_class by the time their locks are read.
const LOCKS_SQL = `
SELECT 'r' || l.relation::int AS key, l.mode FROM pg_locks l
 WHERE l.pid = pg_backend_pid() AND l.granted AND l.locktype = 'relation' AND l.relation >= ${FIRST_NORMAL_OID}
UNION ALL
SELECT 't' || l.objid::int, l.mode FROM pg_locks l
 WHERE l.pid = pg_backend_pid() AND l.granted AND l.locktype = 'object'
   AND l.classid = 'pg_type'::regclass AND l.objid >= ${FIRST_NORMAL_OID}`;

const TYPES_SQL = `
SELECT t.oid::int AS oid, format_type(t.oid, NULL) AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE ${USER_SCHEMAS} AND t.typrelid = 0 AND t.typcategory <> 'A'`;

const SCANS_SQL = `
SELECT s.relid::int AS relid, ${SHOWN_NAME} AS name, COALESCE(s.seq_scan, 0) + COALESCE(s.idx_scan, 0) AS scans
  FROM pg_stat_xact_all_tables s JOIN pg_class c ON c.oid = s.relid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ${USER_SCHEMAS}`;

export async function snapshot(session: Session): Promise<Snapshot> {
  const [relations, locks, scans, types] = [
    await session.query<RelationRow>(RELATIONS_SQL),
    await session.query<LockRow>(LOCKS_SQL),
    await session.query<ScanRow>(SCANS_SQL),
    await session.query<{ oid: number; name: string }>(TYPES_SQL),
  ];
  return {
    relations: new Map(relations.map((r) => [Number(r.oid), r])),
    locks: new Map(locks.map((l) => [`${l.key}/${l.mode}`, l])),
    scans: new Map(scans.map((s) => [Number(s.relid), Number(s.scans)])),
    types: new Map(types.map((t) => [Number(t.oid), t.name])),
  };
}

const KIND_OF: Record<string, ObservedLock['kind']> = {
  r: 'table',
  p: 'table',
  f: 'table',
  i: 'index',
  I: 'index',
  S: 'sequence',
  v: 'view',
  m: 'materialized view',
};

/**
 * What changed between two snapshots around one statement: new lock modes (strongest per object),
 * new storage and scans, on the relations and types in `existing` (those that existed when the
 * transaction began: objects created earlier in it are invisible to other sessions, so their locks
 * block nobody).
 */
export function diff(before: Snapshot, after: Snapshot, durationMs: number, existing: Snapshot = before): Observed {
  const strongest = new Map<string, ObservedLock>();
  for (const [key, row] of after.locks) {
    if (before.locks.has(key)) continue;
    const mode = MODE_OF[row.mode];
    if (!mode) continue;
    const isType = row.key.startsWith('t');
    const oid = Number(row.key.slice(1));
    const rel = isType ? undefined : existing.relations.get(oid);
    const typeName = isType ? existing.types.get(oid) : undefined;
    if (!rel && typeName === undefined) continue;
    keepStrongest(strongest, row.key, rel
      ? { relation: rel.name, kind: KIND_OF[rel.relkind] ?? 'other', ...(rel.table ? { table: rel.table } : {}), mode }
      : { relation: typeName!, kind: 'type', mode });
  }
  const locks = [...strongest.values()].sort(byRelation);
  const held = heldOnTables(before, existing);

  const rewritten: string[] = [];
  for (const [oid, rel] of before.relations) {
    if (!rel.relfilenode || !existing.relations.has(oid)) continue; // views and partitioned parents have no storage
    const now = after.relations.get(oid) ?? sameName(after, rel);
    if (now && now.relfilenode && now.relfilenode !== rel.relfilenode) rewritten.push(rel.name);
  }

  const scanned: string[] = [];
  for (const [relid, count] of after.scans) {
    const rel = existing.relations.get(relid);
    if (rel && count > (before.scans.get(relid) ?? 0)) scanned.push(rel.name);
  }
  return {
    locks,
    rewritten: rewritten.sort(),
    scanned: scanned.sort(),
    durationMs: Math.round(durationMs * 100) / 100,
    ...(held.length ? { held } : {}),
  };
}

/** The strongest mode held on each existing table in a snapshot. */
export function heldOnTables(snap: Snapshot, existing: Snapshot): ObservedLock[] {
  const out = new Map<number, ObservedLock>();
  for (const row of snap.locks.values()) {
    if (!row.key.startsWith('r')) continue;
    const oid = Number(row.key.slice(1));
    const rel = existing.relations.get(oid);
    const mode = MODE_OF[row.mode];
    if (!rel || !mode || KIND_OF[rel.relkind] !== 'table') continue;
    keepStrongest(out, oid, { relation: rel.name, kind: 'table', mode });
  }
  return [...out.values()].sort(byRelation);
}

/** Keeps one lock per object: the first of the strongest mode seen. */
function keepStrongest<K>(locks: Map<K, ObservedLock>, key: K, lock: ObservedLock): void {
  const prev = locks.get(key);
  if (!prev || lockRank(lock.mode) > lockRank(prev.mode)) locks.set(key, lock);
}

/** ALTER COLUMN TYPE drops and recreates indexes under new OIDs: match those by name. */
function sameName(after: Snapshot, rel: RelationRow): RelationRow | undefined {
  for (const r of after.relations.values()) if (r.name === rel.name && r.relkind === rel.relkind) return r;
  return undefined;
}

function byRelation(a: ObservedLock, b: ObservedLock): number {
  // Tables first, then their indexes, each by name: the order a reader scans the trace in.
  const ka = `${a.table ?? a.relation}\u0000${a.table ? 1 : 0}\u0000${a.relation}`;
  const kb = `${b.table ?? b.relation}\u0000${b.table ? 1 : 0}\u0000${b.relation}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
