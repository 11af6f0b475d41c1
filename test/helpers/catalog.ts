/**
 * A Postgres catalog as sorted lines of text, for comparing two states of a database: schemas,
 * relations (kind, row-level security), columns (type with modifiers, NOT NULL, default, identity,
 * generation), constraints (kind, definition, validated), indexes (definition, valid), enums with
 * their values in order, policies and view definitions. Column order is left out: a column that is
 * dropped and added back cannot take its old position.
 */
import { readCatalog as readLiveCatalog, type Catalog } from '../../src/catalog/read-catalog.js';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const RELKIND: Record<string, string> = { table: 'r', partitioned: 'p', view: 'v', 'materialized-view': 'm', 'foreign-table': 'f' };
const CONTYPE: Record<string, string> = { primary: 'p', unique: 'u', foreign: 'f', check: 'c', exclusion: 'x', 'not-null': 'n' };
const IDENTITY: Record<string, string> = { always: 'a', 'by-default': 'd' };
const GENERATED: Record<string, string> = { stored: 's', virtual: 'v' };

/** The catalog as lines, read by the one catalog reader (src/catalog/read-catalog.ts). */
export async function readCatalog(db: Queryable): Promise<string[]> {
  return catalogLines(await readLiveCatalog(db));
}

export function catalogLines(c: Catalog): string[] {
  const lines: string[] = [];
  for (const s of c.schemas) lines.push(`schema ${s}`);
  for (const t of c.tables.values()) {
    lines.push(`relation ${t.schema}.${t.name} kind=${RELKIND[t.kind]}${t.rowLevelSecurity ? ' rls' : ''}`);
    for (const col of t.columns.values()) {
      const d = col.default ?? col.generatedExpr;
      const extras = [col.notNull ? 'not null' : '', d !== undefined ? `default ${d}` : '', col.identity ? `identity=${IDENTITY[col.identity]}` : '', col.generated ? `generated=${GENERATED[col.generated]}` : '', col.collation ? `collate ${col.collation}` : ''];
      lines.push(`column ${t.schema}.${t.name}.${col.name} ${col.formattedType}${extras.filter(Boolean).map((e) => ` ${e}`).join('')}`);
    }
    // PostgreSQL 18 records NOT NULL as constraints named after the table and column when it was set
    // (they keep that name through renames): compared by what they say, not by name.
    for (const k of t.constraints.values()) lines.push(`constraint ${t.schema}.${t.name}.${k.kind === 'not-null' ? '(not null)' : k.name} ${CONTYPE[k.kind]} ${k.definition}${k.validated ? '' : ' not-valid'}`);
    for (const p of t.policies.values()) {
      lines.push(`policy ${t.schema}.${t.name}.${p.name} ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} ${p.command} to ${[...p.roles].sort().join(',')} using ${p.using ?? '-'} check ${p.withCheck ?? '-'}`);
    }
    if (t.viewDefinition !== undefined) lines.push(`view ${t.schema}.${t.name} ${t.viewDefinition.replace(/\s+/g, ' ').trim()}`);
  }
  for (const s of c.sequences.values()) lines.push(`relation ${s.schema}.${s.name} kind=S`);
  for (const i of c.indexes.values()) lines.push(`index ${i.schema}.${i.name} ${i.definition}${i.valid ? '' : ' invalid'}`);
  for (const e of c.enums.values()) lines.push(`enum ${e.schema}.${e.name} (${e.values.join(', ')})`);
  return lines.sort();
}

/** Lines only in `a` (prefixed -) and only in `b` (prefixed +). */
export function catalogDiff(a: string[], b: string[]): string[] {
  const inB = new Set(b);
  const inA = new Set(a);
  return [...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`), ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`)];
}
