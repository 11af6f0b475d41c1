import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UsageError } from '../errors.js';
import type { MigrationFolder } from '../migrations/types.js';
import type { SnapshotLink } from '../migrations/snapshot-lineage.js';
import { snapshotPaths } from '../project/snapshots.js';
import { quoteIdent } from '../sql/qualified-name.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { SchemaModel } from '../schema/model.js';
import type { ColumnType } from '../schema/types.js';
import { nodeAs, parseMigration, type Node } from '../sql/index.js';
import { showKey, type DriftItem } from './drift-item.js';

/** A drizzle-kit snapshot file: 0.x `meta/NNNN_snapshot.json`, 1.0 `<migration>/snapshot.json`. */
export interface SnapshotFile extends SnapshotLink {
  data: Record<string, unknown>;
}

/** Every snapshot of the folder, in migration order (the last is the one `drizzle-kit generate` diffs with). */
export function readSnapshots(folder: MigrationFolder, shown: (p: string) => string): SnapshotFile[] {
  return snapshotPaths(folder).map((path) => {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`${shown(path)}: not a readable drizzle-kit snapshot (${(e as Error).message})`);
    }
    const prev = Array.isArray(data.prevIds) ? data.prevIds.filter((x): x is string => typeof x === 'string') : typeof data.prevId === 'string' ? [data.prevId] : [];
    return { path, ...(typeof data.id === 'string' ? { id: data.id } : {}), prevIds: prev, data };
  });
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A snapshot's column type string (`varchar(255)`, `timestamp (3) with time zone`, `text[]`, an enum) in the model's terms. */
function snapshotType(type: string, typeSchema: string | undefined): ColumnType | undefined {
  const name = typeSchema && typeSchema !== 'public' ? `${quoteIdent(typeSchema)}.${type.startsWith('"') ? type : quoteIdent(type.replace(/\[\]$/, ''))}${type.endsWith('[]') ? '[]' : ''}` : type;
  try {
    const stmt = parseMigration('snapshot', `CREATE TABLE t (c ${name});`).statements[0];
    const create = nodeAs(stmt?.node, 'CreateStmt');
    const def = nodeAs((create?.tableElts as Node[] | undefined)?.[0], 'ColumnDef');
    return def ? columnTypeOf(def.typeName) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A drizzle-kit 1.0 snapshot (version 8: `{ version, dialect, id, prevIds, ddl: [...], renames }`,
 * each `ddl` entry an object with an `entityType` — tables, columns, indexes, pks, fks, uniques,
 * checks, policies, enums — naming its `schema` and `table`) in the 0.x shape compared below.
 * Facts from drizzle-kit 1.0.0-beta.24's own output (`drizzle-kit generate`; see the fixture
 * test/fixtures/drift-snapshot-v1). Columns keep the array dimensions apart (`dimensions`).
 */
export function v1AsV7(data: Record<string, unknown>): Record<string, unknown> {
  const tables: Record<string, Json> = {};
  const enums: Record<string, Json> = {};
  const table = (e: Json) => {
    const key = `${str(e.schema) || 'public'}.${str(e.table) ?? str(e.name)}`;
    tables[key] ??= { name: str(e.table) ?? str(e.name), schema: str(e.schema) || 'public', columns: {}, indexes: {}, foreignKeys: {}, uniqueConstraints: {}, checkConstraints: {}, policies: {} };
    return tables[key];
  };
  const put = (group: string, e: Json, value: Json) => void ((table(e)[group] as Json)[str(e.name) ?? ''] = value);
  for (const raw of Array.isArray(data.ddl) ? data.ddl : []) {
    const e = obj(raw);
    switch (e.entityType) {
      case 'tables':
        Object.assign(table(e), { isRLSEnabled: e.isRlsEnabled === true });
        break;
      case 'columns': {
        const dims = typeof e.dimensions === 'number' ? e.dimensions : 0;
        put('columns', e, { name: e.name, type: `${str(e.type) ?? ''}${'[]'.repeat(dims)}`, ...(str(e.typeSchema) ? { typeSchema: e.typeSchema } : {}), notNull: e.notNull === true });
        break;
      }
      case 'indexes':
        put('indexes', e, { name: e.name });
        break;
      case 'fks':
        put('foreignKeys', e, { name: e.name });
        break;
      case 'uniques':
        put('uniqueConstraints', e, { name: e.name });
        break;
      case 'checks':
        put('checkConstraints', e, { name: e.name });
        break;
      case 'policies':
        put('policies', e, { name: e.name });
        break;
      case 'enums':
        enums[`${str(e.schema) || 'public'}.${str(e.name)}`] = { name: e.name, schema: e.schema, values: e.values };
        break;
    }
  }
  return { tables, enums };
}

/**
 * The model (every migration replayed) against drizzle-kit's last snapshot (0.x format, versions 5
 * to 7, and 1.0's version 8 through v1AsV7): tables, columns (type, NOT NULL), standalone indexes,
 * foreign key / unique / check constraints by name, enums and their values, RLS and policies.
 */
export function compareWithSnapshot(model: SchemaModel, snapshot: SnapshotFile): DriftItem[] {
  const drift: DriftItem[] = [];
  const data = Array.isArray(snapshot.data.ddl) ? v1AsV7(snapshot.data) : snapshot.data;
  const tables = obj(data.tables);
  const seen = new Set<string>();
  const mine = (object: string, origin: string, names: string[]) => drift.push({ object, kind: 'only-in-migrations', origin, names });
  const other = (object: string, names: string[]) => drift.push({ object, kind: 'only-in-other', names });
  const differs = (object: string, origin: string, names: string[], migrations: string, actual: string) => drift.push({ object, kind: 'differs', origin, names, migrations, actual });
  for (const raw of Object.values(tables)) {
    const st = obj(raw);
    const name = str(st.name);
    if (!name) continue;
    const key = `${str(st.schema) || 'public'}.${name}`;
    seen.add(key);
    const table = showKey(key);
    const t = model.tables.get(key);
    if (!t) {
      other(`table ${table}`, [name]);
      continue;
    }
    const columns = obj(st.columns);
    const constraintNames = new Set<string>();
    for (const rc of Object.values(columns)) {
      const sc = obj(rc);
      const cname = str(sc.name);
      if (!cname) continue;
      if (str(sc.uniqueName)) constraintNames.add(str(sc.uniqueName)!);
      const c = t.columns.get(cname);
      const object = `column ${table}.${quoteIdent(cname)}`;
      if (!c) {
        other(object, [name, cname]);
        continue;
      }
      const type = str(sc.type) ? snapshotType(str(sc.type)!, str(sc.typeSchema)) : undefined;
      if (type && !sameTypeLoose(c.type, type)) differs(object, c.origin.file, [name, cname], `\`${formatType({ ...c.type, serial: false })}\``, `\`${str(sc.type)}\``);
      const notNull = sc.notNull === true || sc.primaryKey === true;
      if (notNull !== c.notNull) differs(object, c.origin.file, [name, cname], c.notNull ? 'NOT NULL' : 'nullable', notNull ? 'NOT NULL' : 'nullable');
    }
    for (const c of t.columns.values()) if (!(c.name in columns) && !Object.values(columns).some((x) => obj(x).name === c.name)) mine(`column ${table}.${quoteIdent(c.name)}`, c.origin.file, [name, c.name]);

    for (const group of ['foreignKeys', 'uniqueConstraints', 'checkConstraints']) for (const k of Object.values(obj(st[group]))) if (str(obj(k).name)) constraintNames.add(str(obj(k).name)!);
    for (const n of constraintNames) if (!t.constraints.has(n)) other(`constraint ${quoteIdent(n)} on ${table}`, [name, n]);
    for (const k of t.constraints.values()) {
      if ((k.kind === 'foreign' || k.kind === 'unique' || k.kind === 'check') && !constraintNames.has(k.name)) mine(`constraint ${quoteIdent(k.name)} on ${table}`, k.origin.file, [name, k.name]);
    }

    const backing = new Set([...t.constraints.values()].map((k) => k.name));
    const indexNames = new Set(Object.values(obj(st.indexes)).map((i) => str(obj(i).name)).filter((n): n is string => !!n));
    const schema = str(st.schema) || 'public';
    for (const n of indexNames) if (!model.indexes.has(`${schema}.${n}`)) other(`index ${quoteIdent(n)} on ${table}`, [n]);
    for (const i of model.indexes.values()) {
      const n = i.key.slice(i.key.indexOf('.') + 1);
      if (i.table === key && !backing.has(n) && !indexNames.has(n)) mine(`index ${showKey(i.key)} on ${table}`, i.origin.file, [n]);
    }

    if (typeof st.isRLSEnabled === 'boolean') {
      const policies = Object.keys(obj(st.policies)).length > 0;
      // drizzle-kit enables RLS for a table with policies even when isRLSEnabled is false.
      const enabled = st.isRLSEnabled || policies;
      const state = (on: boolean) => `row-level security ${on ? 'enabled' : 'disabled'}`;
      if (enabled !== t.rowLevelSecurity) differs(`table ${table}`, t.origin.file, [name], state(t.rowLevelSecurity), state(enabled));
    }
    const policyNames = new Set(Object.values(obj(st.policies)).map((p) => str(obj(p).name)).filter((n): n is string => !!n));
    for (const n of policyNames) if (!t.policies.has(n)) other(`policy ${quoteIdent(n)} on ${table}`, [name, n]);
    for (const p of t.policies.values()) if (!policyNames.has(p.name)) mine(`policy ${quoteIdent(p.name)} on ${table}`, p.origin.file, [name, p.name]);
  }
  for (const t of model.tables.values()) if (t.kind === 'table' || t.kind === 'partitioned') if (!seen.has(t.key)) mine(`table ${showKey(t.key)}`, t.origin.file, [t.name]);

  const enums = obj(data.enums);
  const enumKeys = new Set<string>();
  for (const raw of Object.values(enums)) {
    const se = obj(raw);
    const name = str(se.name);
    if (!name) continue;
    const key = `${str(se.schema) || 'public'}.${name}`;
    enumKeys.add(key);
    const e = model.enums.get(key);
    const values = Array.isArray(se.values) ? se.values.map(String) : Object.values(obj(se.values)).map(String);
    if (!e) other(`enum ${showKey(key)}`, [name]);
    else if (e.values.join('\0') !== values.join('\0')) differs(`enum ${showKey(key)}`, e.origin.file, [name], list(e.values), list(values));
  }
  for (const e of model.enums.values()) if (!enumKeys.has(e.key)) mine(`enum ${showKey(e.key)}`, e.origin.file, [e.name]);
  return drift;
}

const list = (values: string[]) => `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;

/** Types compare as Postgres sees them; an enum the snapshot names without schema matches the model's. */
function sameTypeLoose(m: ColumnType, s: ColumnType): boolean {
  return m.name === s.name && (m.arrayDims > 0) === (s.arrayDims > 0) && m.mods.join(',') === s.mods.join(',') && (!m.schema || !s.schema || m.schema === s.schema);
}

/** The snapshot drizzle-kit diffs the schema with next time: the last one. */
export function lastSnapshot(snapshots: SnapshotFile[]): SnapshotFile | undefined {
  return snapshots[snapshots.length - 1];
}

export const snapshotName = (s: SnapshotFile) => (basename(s.path) === 'snapshot.json' ? `${basename(dirname(s.path))}/snapshot.json` : basename(s.path));
