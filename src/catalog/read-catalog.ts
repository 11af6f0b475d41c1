import type { ColumnType, ConstraintKind, Table } from '../schema/types.js';
import type { Session } from '../db/session.js';

/**
 * A live database's schema, read from pg_catalog (PostgreSQL 12 and later, PGlite): what `drift`
 * compares the migrations with, and what tests compare catalogs with. Definitions are Postgres's own
 * deparsed text (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef), so two catalogs
 * read from the same server version compare as text.
 */
export interface CatalogColumn {
  name: string;
  /** In the model's terms (typname, mods, array), for comparing with the migrations. */
  type: ColumnType;
  /** format_type(): `character varying(255)`, `timestamp with time zone`, `status[]`. */
  formattedType: string;
  notNull: boolean;
  default?: string;
  identity?: 'always' | 'by-default';
  generated?: 'stored' | 'virtual';
  /** The generation expression for generated columns (then `default` is absent). */
  generatedExpr?: string;
  /** A collation other than the type's default (`COLLATE "C"`). */
  collation?: string;
  /** Present only on a partition's column that comes from its parent (attislocal false). */
  fromParent?: true;
}

export interface CatalogConstraint {
  name: string;
  kind: ConstraintKind;
  columns: string[];
  /** pg_get_constraintdef(): `FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE`. */
  definition: string;
  /** A CHECK constraint's expression, pg_get_expr(conbin): `(price > (0)::numeric)`. */
  expression?: string;
  validated: boolean;
  /** Present only on a partition's constraint that Postgres cloned from its parent's (conparentid, or conislocal false). */
  fromParent?: true;
}

export interface CatalogPolicy {
  name: string;
  permissive: boolean;
  /** ALL, SELECT, INSERT, UPDATE or DELETE, as the model writes it. */
  command: string;
  roles: string[];
  using?: string;
  withCheck?: string;
}

export interface CatalogTable {
  /** `schema.name` */
  key: string;
  schema: string;
  name: string;
  kind: Table['kind'] | 'foreign-table';
  columns: Map<string, CatalogColumn>;
  constraints: Map<string, CatalogConstraint>;
  rowLevelSecurity: boolean;
  forceRowLevelSecurity: boolean;
  policies: Map<string, CatalogPolicy>;
  /** The extension that created it (pg_depend deptype 'e'). */
  extension?: string;
  /** Views and materialized views: pg_get_viewdef(). */
  viewDefinition?: string;
  /** A partition's parent, `schema.name` (pg_inherits of a relispartition table). */
  partitionOf?: string;
}

export interface CatalogIndex {
  key: string;
  schema: string;
  name: string;
  /** Table key. */
  table: string;
  unique: boolean;
  /** False after a failed CREATE INDEX CONCURRENTLY: the index exists but is not used. */
  valid: boolean;
  /** pg_get_indexdef(): `CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)`. */
  definition: string;
  /** The constraint the index backs (primary key, unique, exclusion). */
  constraint?: string;
  /** Present only on a partition's index that Postgres made from its parent's (an index partition). */
  fromParent?: true;
  extension?: string;
}

export interface CatalogEnum {
  key: string;
  schema: string;
  name: string;
  values: string[];
  extension?: string;
}

export interface CatalogSequence {
  key: string;
  schema: string;
  name: string;
  dataType: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cycle: boolean;
  /** `schema.table.column` for a serial's or identity column's sequence. */
  ownedBy?: string;
  extension?: string;
}

export interface CatalogFunction {
  /** `schema.name`: overloads share it. */
  key: string;
  schema: string;
  name: string;
  kind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** pg_get_function_identity_arguments(): `a integer, b text`. */
  arguments: string;
  language: string;
  /** prosrc: the body between the dollar quotes as written (empty for a BEGIN ATOMIC body). */
  body: string;
  extension?: string;
}

export interface CatalogTrigger {
  /** `schema.table.name` */
  key: string;
  name: string;
  /** Table key. */
  table: string;
  /** pg_get_triggerdef(): `CREATE TRIGGER t BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION touch()`. */
  definition: string;
  enabled: boolean;
  extension?: string;
}

export interface Catalog {
  schemas: string[];
  tables: Map<string, CatalogTable>;
  indexes: Map<string, CatalogIndex>;
  enums: Map<string, CatalogEnum>;
  sequences: Map<string, CatalogSequence>;
  functions: Map<string, CatalogFunction[]>;
  triggers: Map<string, CatalogTrigger>;
}

/** Schemas that belong to Postgres itself. */
const SYSTEM = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/** Objects an extension created, by catalog and oid (pg_depend deptype 'e'). */
const EXTENSION_OF = (classid: string, oid: string) =>
  `(SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid WHERE d.classid = '${classid}'::regclass AND d.objid = ${oid} AND d.deptype = 'e' LIMIT 1)`;

const RELKINDS: Record<string, CatalogTable['kind']> = { r: 'table', p: 'partitioned', v: 'view', m: 'materialized-view', f: 'foreign-table' };
const CONTYPES: Record<string, ConstraintKind> = { p: 'primary', u: 'unique', f: 'foreign', c: 'check', x: 'exclusion', n: 'not-null' };
const PROKINDS: Record<string, CatalogFunction['kind']> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };
const POLCMDS: Record<string, string> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

/** JSON text → value: PGlite and pg both return json columns parsed, but be safe with text. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Only queries are run: a Session, or a test's PGlite / pg client adapter. */
export async function readCatalog(session: Pick<Session, 'query'>): Promise<Catalog> {
  const schemas = await session.query<{ nspname: string }>(`SELECT n.nspname FROM pg_namespace n WHERE ${SYSTEM} ORDER BY 1`);
  const rels = await session.query<{ oid: number; schema: string; name: string; relkind: string; rls: boolean; force: boolean; ext: string | null; viewdef: string | null; parent: string | null }>(`
    SELECT c.oid::int8::float8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
      c.relrowsecurity AS rls, c.relforcerowsecurity AS force, ${EXTENSION_OF('pg_class', 'c.oid')} AS ext,
      CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef,
      CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
        JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid LIMIT 1) END AS parent
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${SYSTEM}
    ORDER BY 2, 3`);
  const tables = new Map<string, CatalogTable>();
  const byOid = new Map<number, CatalogTable>();
  for (const r of rels) {
    const t: CatalogTable = {
      key: `${r.schema}.${r.name}`,
      schema: r.schema,
      name: r.name,
      kind: RELKINDS[r.relkind],
      columns: new Map(),
      constraints: new Map(),
      rowLevelSecurity: r.rls,
      forceRowLevelSecurity: r.force,
      policies: new Map(),
      ...(r.ext ? { extension: r.ext } : {}),
      ...(r.viewdef !== null ? { viewDefinition: r.viewdef } : {}),
      ...(r.parent !== null ? { partitionOf: r.parent } : {}),
    };
    tables.set(t.key, t);
    byOid.set(Number(r.oid), t);
  }

  const cols = await session.query<{
    rel: number; name: string; notnull: boolean; formatted: string; typname: string; typschema: string; elem: string | null; elemschema: string | null;
    def: string | null; identity: string; generated: string; coll: string | null; local: boolean;
  }>(`
    SELECT a.attrelid::int8::float8 AS rel, a.attname AS name, a.attnotnull AS notnull, format_type(a.atttypid, a.atttypmod) AS formatted,
      t.typname, tn.nspname AS typschema, et.typname AS elem, etn.nspname AS elemschema,
      pg_get_expr(ad.adbin, ad.adrelid) AS def, a.attidentity::text AS identity, a.attgenerated::text AS generated, a.attislocal AS local,
      CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation) END AS coll
    FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
      LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
      LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND ${SYSTEM}
    ORDER BY a.attrelid, a.attnum`);
  for (const c of cols) {
    const t = byOid.get(Number(c.rel));
    if (!t) continue;
    const array = c.elem !== null;
    const typschema = array ? c.elemschema : c.typschema;
    const mods = /\(([\d, ]+)\)/.exec(c.formatted)?.[1].split(',').map((m) => Number(m)) ?? [];
    const generated = c.generated === 's' ? 'stored' : c.generated === 'v' ? 'virtual' : undefined;
    t.columns.set(c.name, {
      name: c.name,
      type: { name: array ? c.elem! : c.typname, ...(typschema && typschema !== 'pg_catalog' ? { schema: typschema } : {}), mods, arrayDims: array ? 1 : 0, serial: false },
      formattedType: c.formatted,
      notNull: c.notnull,
      ...(c.def !== null && !generated ? { default: c.def } : {}),
      ...(c.identity === 'a' ? { identity: 'always' as const } : c.identity === 'd' ? { identity: 'by-default' as const } : {}),
      ...(generated ? { generated, ...(c.def !== null ? { generatedExpr: c.def } : {}) } : {}),
      ...(c.coll !== null ? { collation: c.coll } : {}),
      ...(c.local ? {} : { fromParent: true as const }),
    });
  }

  const cons = await session.query<{ rel: number; name: string; contype: string; validated: boolean; def: string; expr: string | null; columns: unknown; local: boolean }>(`
    SELECT con.conrelid::int8::float8 AS rel, con.conname AS name, con.contype::text AS contype, con.convalidated AS validated,
      con.conislocal AND con.conparentid = 0 AS local,
      pg_get_constraintdef(con.oid) AS def, CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS expr,
      COALESCE((SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num), '[]'::json) AS columns
    FROM pg_constraint con WHERE con.conrelid <> 0
    ORDER BY 1, 2`);
  for (const c of cons) {
    const t = byOid.get(Number(c.rel));
    if (!t) continue;
    t.constraints.set(c.name, { name: c.name, kind: CONTYPES[c.contype] ?? 'check', columns: json<string[]>(c.columns), definition: c.def, ...(c.expr !== null ? { expression: c.expr } : {}), validated: c.validated, ...(c.local ? {} : { fromParent: true as const }) });
  }

  const pols = await session.query<{ rel: number; name: string; permissive: boolean; cmd: string; roles: unknown; qual: string | null; check: string | null }>(`
    SELECT p.polrelid::int8::float8 AS rel, p.polname AS name, p.polpermissive AS permissive, p.polcmd::text AS cmd,
      COALESCE((SELECT json_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END ORDER BY 1) FROM unnest(p.polroles) AS r), '[]'::json) AS roles,
      pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
    FROM pg_policy p ORDER BY 1, 2`);
  for (const p of pols) {
    const t = byOid.get(Number(p.rel));
    if (!t) continue;
    t.policies.set(p.name, {
      name: p.name,
      permissive: p.permissive,
      command: POLCMDS[p.cmd] ?? p.cmd,
      roles: json<string[]>(p.roles),
      ...(p.qual !== null ? { using: p.qual } : {}),
      ...(p.check !== null ? { withCheck: p.check } : {}),
    });
  }

  const idx = await session.query<{ schema: string; name: string; tschema: string; tname: string; unique: boolean; valid: boolean; def: string; con: string | null; ext: string | null; part: boolean }>(`
    SELECT n.nspname AS schema, ic.relname AS name, tn.nspname AS tschema, tc.relname AS tname, i.indisunique AS unique, i.indisvalid AS valid,
      pg_get_indexdef(i.indexrelid) AS def, ic.relispartition AS part,
      (SELECT con.conname FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') LIMIT 1) AS con,
      ${EXTENSION_OF('pg_class', 'tc.oid')} AS ext
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
      JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    WHERE ${SYSTEM} ORDER BY 1, 2`);
  const indexes = new Map<string, CatalogIndex>();
  for (const i of idx) {
    const key = `${i.schema}.${i.name}`;
    indexes.set(key, {
      key,
      schema: i.schema,
      name: i.name,
      table: `${i.tschema}.${i.tname}`,
      unique: i.unique,
      valid: i.valid,
      definition: i.def,
      ...(i.con ? { constraint: i.con } : {}),
      ...(i.ext ? { extension: i.ext } : {}),
      ...(i.part ? { fromParent: true as const } : {}),
    });
  }

  const enumRows = await session.query<{ schema: string; name: string; vals: unknown; ext: string | null }>(`
    SELECT n.nspname AS schema, t.typname AS name,
      (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS vals,
      ${EXTENSION_OF('pg_type', 't.oid')} AS ext
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype = 'e' AND ${SYSTEM} ORDER BY 1, 2`);
  const enums = new Map<string, CatalogEnum>();
  for (const e of enumRows) {
    const key = `${e.schema}.${e.name}`;
    enums.set(key, { key, schema: e.schema, name: e.name, values: json<string[] | null>(e.vals) ?? [], ...(e.ext ? { extension: e.ext } : {}) });
  }

  const seqRows = await session.query<{
    schema: string; name: string; type: string; start: string; inc: string; min: string; max: string; cycle: boolean; owner: string | null; ext: string | null;
  }>(`
    SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS inc,
      s.seqmin::text AS min, s.seqmax::text AS max, s.seqcycle AS cycle,
      (SELECT tn.nspname || '.' || tc.relname || '.' || a.attname FROM pg_depend d
         JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1) AS owner,
      ${EXTENSION_OF('pg_class', 'c.oid')} AS ext
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SYSTEM} ORDER BY 1, 2`);
  const sequences = new Map<string, CatalogSequence>();
  for (const s of seqRows) {
    const key = `${s.schema}.${s.name}`;
    sequences.set(key, {
      key,
      schema: s.schema,
      name: s.name,
      dataType: s.type,
      start: s.start,
      increment: s.inc,
      min: s.min,
      max: s.max,
      cycle: s.cycle,
      ...(s.owner ? { ownedBy: s.owner } : {}),
      ...(s.ext ? { extension: s.ext } : {}),
    });
  }

  const procs = await session.query<{ schema: string; name: string; kind: string; args: string; language: string; body: string | null; ext: string | null }>(`
    SELECT n.nspname AS schema, p.proname AS name, p.prokind::text AS kind, pg_get_function_identity_arguments(p.oid) AS args, l.lanname AS language,
      p.prosrc AS body, ${EXTENSION_OF('pg_proc', 'p.oid')} AS ext
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
    WHERE ${SYSTEM} ORDER BY 1, 2, 4`);
  const functions = new Map<string, CatalogFunction[]>();
  for (const p of procs) {
    const key = `${p.schema}.${p.name}`;
    const f: CatalogFunction = { key, schema: p.schema, name: p.name, kind: PROKINDS[p.kind] ?? 'function', arguments: p.args, language: p.language, body: p.body ?? '', ...(p.ext ? { extension: p.ext } : {}) };
    functions.set(key, [...(functions.get(key) ?? []), f]);
  }

  const trigs = await session.query<{ schema: string; tname: string; name: string; def: string; enabled: string; ext: string | null }>(`
    SELECT n.nspname AS schema, c.relname AS tname, t.tgname AS name, pg_get_triggerdef(t.oid) AS def, t.tgenabled::text AS enabled,
      ${EXTENSION_OF('pg_class', 'c.oid')} AS ext
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND ${SYSTEM} ORDER BY 1, 2, 3`);
  const triggers = new Map<string, CatalogTrigger>();
  for (const t of trigs) {
    const table = `${t.schema}.${t.tname}`;
    triggers.set(`${table}.${t.name}`, { key: `${table}.${t.name}`, name: t.name, table, definition: t.def, enabled: t.enabled !== 'D', ...(t.ext ? { extension: t.ext } : {}) });
  }
  return { schemas: schemas.map((s) => s.nspname), tables, indexes, enums, sequences, functions, triggers };
}
