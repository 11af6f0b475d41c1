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
import { readCatalog } from '../../src/catalog/read-catalog.js';
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

/** The one catalog reader (src/catalog/read-catalog.ts), in this test's terms. */
async function catalogOf(db: PGlite): Promise<Catalog> {
  const live = await readCatalog({ query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows });
  const tables = new Map<string, Map<string, string>>();
  for (const t of live.tables.values()) {
    if (t.kind !== 'table' && t.kind !== 'partitioned') continue;
    tables.set(t.key, new Map([...t.columns.values()].map((c) => [c.name, column(c.type.name, c.type.mods, c.type.arrayDims > 0, c.notNull)])));
  }
  return { tables, indexes: new Map([...live.indexes.values()].map((i) => [i.key, i.table])) };
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
