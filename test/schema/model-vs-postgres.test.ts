// The schema model against the real thing: corpus projects are run on PGlite (PostgreSQL 18) and
// replayed into the model, and what Postgres's catalog holds afterwards — tables, columns with their
// types and NOT NULL, indexes — must be what the model holds. Differences here once found real defects (a type rename
// not carried into columns, indexes that a DROP COLUMN takes along, PRIMARY KEY + UNIQUE merged into
// one index). Projects whose migrations use dynamic SQL or conditional PL/pgSQL, which the model
// cannot follow by design, are not in the list.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { SchemaModel } from '../../src/schema/model.js';
import { loadParser, parseMigration } from '../../src/sql/index.js';
import { CORPUS, REPO } from '../helpers/cli-process.js';

const PROJECTS = ['usekaneo__kaneo', 'codu-code__codu', 'homarr-labs__homarr', 'Mail-0__Zero', 'CodebuffAI__codebuff', 'cgoinglove__better-chatbot', 'Dokploy__dokploy'];

beforeAll(() => loadParser());

interface Catalog {
  /** schema.table → column → `type(mods)[] not null` in Postgres's own type names (int4, varchar, timestamptz …) */
  tables: Map<string, Map<string, string>>;
  /** schema.index → schema.table */
  indexes: Map<string, string>;
}

async function catalogOf(db: PGlite): Promise<Catalog> {
  const cols = await db.query<{ s: string; t: string; col: string; nn: boolean; typname: string; elem: string | null; ft: string }>(`
    SELECT n.nspname AS s, c.relname AS t, a.attname AS col, a.attnotnull AS nn, ty.typname, et.typname AS elem,
      format_type(a.atttypid, a.atttypmod) AS ft
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = ty.typelem AND ty.typcategory = 'A'
    WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`);
  const idx = await db.query<{ s: string; i: string; t: string }>(
    `SELECT schemaname AS s, indexname AS i, tablename AS t FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  const tables = new Map<string, Map<string, string>>();
  for (const r of cols.rows) {
    const key = `${r.s}.${r.t}`;
    if (!tables.has(key)) tables.set(key, new Map());
    const mods = /\(([\d, ]+)\)/.exec(r.ft)?.[1].split(',').map((m) => Number(m)) ?? [];
    tables.get(key)!.set(r.col, column(r.elem ?? r.typname, mods, r.elem !== null, r.nn));
  }
  return { tables, indexes: new Map(idx.rows.map((r) => [`${r.s}.${r.i}`, `${r.s}.${r.t}`])) };
}

const column = (type: string, mods: number[], array: boolean, notNull: boolean) =>
  `${type}${mods.length ? `(${mods.join(',')})` : ''}${array ? '[]' : ''}${notNull ? ' not null' : ''}`;

function modelCatalog(model: SchemaModel): Catalog {
  const tables = new Map<string, Map<string, string>>();
  for (const t of model.tables.values()) {
    if (t.kind !== 'table' && t.kind !== 'partitioned') continue;
    tables.set(t.key, new Map([...t.columns.values()].map((c) => [c.name, column(c.type.name, c.type.mods, c.type.arrayDims > 0, c.notNull)])));
  }
  return { tables, indexes: new Map([...model.indexes.values()].map((i) => [i.key, i.table])) };
}

const sorted = (c: Catalog) => ({
  tables: [...c.tables].map(([k, cols]) => [k, [...cols].sort()] as const).sort(),
  indexes: [...c.indexes].sort(),
});

describe.skipIf(!existsSync(CORPUS))('schema model against PostgreSQL (PGlite)', () => {
  for (const name of PROJECTS) {
    it(`${name}: same tables, column types, NOT NULL and indexes`, { timeout: 60_000 }, async () => {
      const { folders } = findProject({ paths: [join(CORPUS, name)], cwd: REPO, runner: 'drizzle' });
      expect(folders.length).toBeGreaterThan(0);
      for (const folder of folders) {
        const db = new PGlite();
        const model = new SchemaModel();
        try {
          for (const f of folder.files) {
            const text = readFileSync(f.path, 'utf8');
            // A migration Postgres rejects ends the comparison: what ran before it is compared.
            const ran = await db.exec(text.replaceAll('--> statement-breakpoint', '')).then(
              () => true,
              () => false,
            );
            if (!ran) break;
            for (const s of parseMigration(f.path, text).statements) model.apply(s, { file: f.path, batch: f.batch });
          }
          expect(sorted(modelCatalog(model)), folder.dir).toEqual(sorted(await catalogOf(db)));
        } finally {
          await db.close();
        }
      }
    });
  }
});
