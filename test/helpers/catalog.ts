/**
 * A Postgres catalog as sorted lines of text, for comparing two states of a database: schemas,
 * relations (kind, row-level security), columns (type with modifiers, NOT NULL, default, identity,
 * generation), constraints (kind, definition, validated), indexes (definition, valid), enums with
 * their values in order, policies and view definitions. Column order is left out: a column that is
 * dropped and added back cannot take its old position.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%'`;

export async function readCatalog(db: Queryable): Promise<string[]> {
  const lines: string[] = [];
  const schemas = await db.query<{ s: string }>(`SELECT n.nspname AS s FROM pg_namespace n WHERE ${USER_SCHEMAS}`);
  for (const r of schemas) lines.push(`schema ${r.s}`);
  const rels = await db.query<{ s: string; r: string; k: string; rls: boolean }>(
    `SELECT n.nspname AS s, c.relname AS r, c.relkind AS k, c.relrowsecurity AS rls FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  for (const r of rels) lines.push(`relation ${r.s}.${r.r} kind=${r.k}${r.rls ? ' rls' : ''}`);
  const cols = await db.query<{ s: string; r: string; a: string; t: string; nn: boolean; d: string | null; id: string; gen: string; coll: string | null }>(
    `SELECT n.nspname AS s, c.relname AS r, a.attname AS a, format_type(a.atttypid, a.atttypmod) AS t, a.attnotnull AS nn,
       pg_get_expr(ad.adbin, ad.adrelid) AS d, a.attidentity AS id, a.attgenerated AS gen,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname END AS coll
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type ty ON ty.oid = a.atttypid
       LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
       LEFT JOIN pg_collation co ON co.oid = a.attcollation
     WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  for (const r of cols) {
    const extras = [r.nn ? 'not null' : '', r.d !== null ? `default ${r.d}` : '', r.id ? `identity=${r.id}` : '', r.gen ? `generated=${r.gen}` : '', r.coll ? `collate ${r.coll}` : ''];
    lines.push(`column ${r.s}.${r.r}.${r.a} ${r.t}${extras.filter(Boolean).map((e) => ` ${e}`).join('')}`);
  }
  const cons = await db.query<{ s: string; r: string; c: string; k: string; def: string; v: boolean }>(
    `SELECT n.nspname AS s, cl.relname AS r, co.conname AS c, co.contype AS k, pg_get_constraintdef(co.oid) AS def, co.convalidated AS v
     FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE ${USER_SCHEMAS}`,
  );
  // PostgreSQL 18 records NOT NULL as constraints named after the table and column when it was set
  // (they keep that name through renames): compared by what they say, not by name.
  for (const r of cons) lines.push(`constraint ${r.s}.${r.r}.${r.k === 'n' ? '(not null)' : r.c} ${r.k} ${r.def}${r.v ? '' : ' not-valid'}`);
  const idx = await db.query<{ s: string; i: string; def: string; valid: boolean }>(
    `SELECT n.nspname AS s, c.relname AS i, pg_get_indexdef(x.indexrelid) AS def, x.indisvalid AS valid
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`,
  );
  for (const r of idx) lines.push(`index ${r.s}.${r.i} ${r.def}${r.valid ? '' : ' invalid'}`);
  const enums = await db.query<{ s: string; t: string; v: string[] }>(
    `SELECT n.nspname AS s, t.typname AS t, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS v
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${USER_SCHEMAS} GROUP BY 1, 2`,
  );
  for (const r of enums) lines.push(`enum ${r.s}.${r.t} (${r.v.join(', ')})`);
  const policies = await db.query<{ s: string; r: string; p: string; perm: string; cmd: string; roles: string[]; q: string | null; wc: string | null }>(
    `SELECT schemaname AS s, tablename AS r, policyname AS p, permissive AS perm, cmd, roles::text[] AS roles, qual AS q, with_check AS wc FROM pg_policies`,
  );
  for (const r of policies) lines.push(`policy ${r.s}.${r.r}.${r.p} ${r.perm} ${r.cmd} to ${[...r.roles].sort().join(',')} using ${r.q ?? '-'} check ${r.wc ?? '-'}`);
  const views = await db.query<{ s: string; v: string; def: string }>(
    `SELECT n.nspname AS s, c.relname AS v, pg_get_viewdef(c.oid) AS def FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS} AND c.relkind IN ('v', 'm')`,
  );
  for (const r of views) lines.push(`view ${r.s}.${r.v} ${r.def.replace(/\s+/g, ' ').trim()}`);
  return lines.sort();
}

/** Lines only in `a` (prefixed -) and only in `b` (prefixed +). */
export function catalogDiff(a: string[], b: string[]): string[] {
  const inB = new Set(b);
  const inA = new Set(a);
  return [...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`), ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`)];
}
