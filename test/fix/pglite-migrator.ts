/**
 * Applies migration folders with drizzle-orm's real migrator on PGlite and reads the catalog, for the
 * fix proofs: the fixed batch must reach the catalog the original batch reaches on an empty copy,
 * with rows in every table and after a failure at any statement.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { readCatalog as readLiveCatalog } from '../../src/catalog/read-catalog.js';

export const BREAKPOINT = '--> statement-breakpoint';

export interface JournalFile {
  version: string;
  dialect: string;
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

export function readJournal(folder: string): JournalFile {
  return JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as JournalFile;
}

/** A copy of a migrations folder (journal layout) whose journal stops after the first `count` entries. */
export function folderCopy(folder: string, count?: number, edit?: (tag: string, text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dml-fix-'));
  cpSync(folder, dir, { recursive: true });
  const journal = readJournal(dir);
  if (count !== undefined) journal.entries = journal.entries.slice(0, count);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal, null, 2));
  if (edit) for (const e of journal.entries) writeFileSync(join(dir, `${e.tag}.sql`), edit(e.tag, readFileSync(join(dir, `${e.tag}.sql`), 'utf8')));
  return dir;
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function runMigrator(db: PGlite, folder: string): Promise<void> {
  await migrate(drizzle(db), { migrationsFolder: folder });
}

/** A row in every table of the public schema (parents first: foreign keys take the parent's first row). */
export async function insertSampleRows(db: PGlite): Promise<string[]> {
  const tables = (await db.query<{ t: string }>(`SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','p') ORDER BY 1`)).rows.map((r) => r.t);
  const filled: string[] = [];
  for (let pass = 0; pass < tables.length && filled.length < tables.length; pass++) {
    for (const t of tables) {
      if (filled.includes(t)) continue;
      const cols = (
        await db.query<{ name: string; type: string; category: string; typid: number; fk: string | null }>(
          `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, ty.typcategory AS category, a.atttypid::int AS typid,
             (SELECT format('(SELECT %I FROM %I LIMIT 1)', pa.attname, pc.relname) FROM pg_constraint k
                JOIN pg_class pc ON pc.oid = k.confrelid JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
              WHERE k.conrelid = a.attrelid AND k.contype = 'f' AND k.conkey[1] = a.attnum LIMIT 1) AS fk
           FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
           WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.atthasdef = false AND a.attidentity = '' AND a.attgenerated = ''
           ORDER BY a.attnum`,
          [`"${t}"`],
        )
      ).rows;
      const values: string[] = [];
      for (const c of cols) values.push(c.fk ?? (await sampleValue(db, c.category, c.type, c.typid)));
      try {
        await db.exec(cols.length ? `INSERT INTO "${t}" (${cols.map((c) => `"${c.name}"`).join(', ')}) VALUES (${values.join(', ')})` : `INSERT INTO "${t}" DEFAULT VALUES`);
        filled.push(t);
      } catch {
        // A parent without a row yet: the next pass.
      }
    }
  }
  return filled.sort();
}

async function sampleValue(db: PGlite, category: string, type: string, typid: number): Promise<string> {
  if (category === 'E') return `'${(await db.query<{ l: string }>('SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = $1 ORDER BY enumsortorder LIMIT 1', [typid])).rows[0].l}'`;
  if (category === 'N') return `1::${type}`;
  if (category === 'B') return 'true';
  if (category === 'D') return `now()::${type}`;
  if (category === 'A') return `'{}'::${type}`;
  if (type === 'uuid') return 'gen_random_uuid()';
  if (type.startsWith('json')) return `'{}'::${type}`;
  return `'sample'::${type}`;
}

export interface Catalog {
  tables: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
  enums: string[];
}

const RELKIND: Record<string, string> = { table: 'r', partitioned: 'p', view: 'v', 'materialized-view': 'm' };
const CONTYPE: Record<string, string> = { primary: 'p', unique: 'u', foreign: 'f', check: 'c', exclusion: 'x', 'not-null': 'n' };
/** drizzle's own schema (its migrations table) is left out: the fixed and original runs record different rows. */
const LEFT_OUT = new Set(['drizzle']);

/**
 * Tables, columns (type, nullability, default), constraints (definition, validated), indexes (definition, valid), enums,
 * read by the one catalog reader (src/catalog/read-catalog.ts).
 */
export async function readCatalog(db: PGlite): Promise<Catalog> {
  const c = await readLiveCatalog({ query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows });
  const tables = [...c.tables.values()].filter((t) => !LEFT_OUT.has(t.schema));
  const plain = tables.filter((t) => t.kind === 'table' || t.kind === 'partitioned');
  return {
    tables: tables.filter((t) => RELKIND[t.kind]).map((t) => `${t.schema}.${t.name} ${RELKIND[t.kind]}`).sort(),
    columns: plain
      .flatMap((t) => [...t.columns.values()].map((col) => `${t.name}.${col.name} ${col.formattedType}${col.notNull ? ' not null' : ''}${(col.default ?? col.generatedExpr) !== undefined ? ` default ${col.default ?? col.generatedExpr}` : ''}`))
      .sort(),
    constraints: tables.flatMap((t) => [...t.constraints.values()].map((k) => `${t.name} ${k.name} ${CONTYPE[k.kind]} ${k.definition}${k.validated ? '' : ' NOT VALIDATED'}`)).sort(),
    indexes: [...c.indexes.values()].filter((i) => !LEFT_OUT.has(i.schema)).map((i) => `${i.definition}${i.valid ? '' : ' INVALID'}`).sort(),
    enums: [...c.enums.values()].filter((e) => !LEFT_OUT.has(e.schema)).map((e) => `${e.name}: ${e.values.join(', ')}`).sort(),
  };
}

/** The catalog after applying a whole folder to an empty database. */
export async function catalogOnEmpty(folder: string): Promise<Catalog> {
  const db = await PGlite.create();
  try {
    await runMigrator(db, folder);
    return await readCatalog(db);
  } finally {
    await db.close();
  }
}

/** A database with the history applied and a row in every table, dumped so each case starts from a copy. */
export async function historyWithRows(folder: string, historyCount: number): Promise<{ dump: File | Blob; filled: string[]; tables: string[] }> {
  const history = folderCopy(folder, historyCount);
  const db = await PGlite.create();
  try {
    await runMigrator(db, history);
    const filled = await insertSampleRows(db);
    const tables = (await db.query<{ t: string }>(`SELECT relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r','p') ORDER BY 1`)).rows.map((r) => r.t);
    return { dump: await db.dumpDataDir('none'), filled, tables };
  } finally {
    await db.close();
    removeFolder(history);
  }
}

export async function fromDump(dump: File | Blob): Promise<PGlite> {
  return PGlite.create({ loadDataDir: dump });
}
