// The schema model keeps indexes per table so that dropping or renaming a table does not scan every
// index; these pin that the bookkeeping follows tables and indexes through renames and drops.
import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaModel } from '../../src/schema/model.js';
import { loadParser, parseMigration } from '../../src/sql/index.js';

beforeAll(() => loadParser());

function replay(sql: string): SchemaModel {
  const schema = new SchemaModel();
  for (const stmt of parseMigration('drizzle/0000_x.sql', sql).statements) schema.apply(stmt, { file: 'drizzle/0000_x.sql', batch: 0 });
  return schema;
}

const indexes = (s: SchemaModel) => [...s.indexes.values()].map((i) => `${i.key}→${i.table}`).sort();

describe('schema model: index bookkeeping', () => {
  it('moves indexes with a renamed table and drops them with it', () => {
    const s = replay(`
      CREATE TABLE "a" ("id" int PRIMARY KEY, "v" int);
      CREATE INDEX "a_v" ON "a" ("v");
      ALTER TABLE "a" RENAME TO "b";
      CREATE TABLE "c" ("id" int);
      CREATE INDEX "c_id" ON "c" ("id");`);
    expect(indexes(s)).toEqual(['public.a_pkey→public.b', 'public.a_v→public.b', 'public.c_id→public.c']);
    const t = replay(`
      CREATE TABLE "a" ("id" int PRIMARY KEY, "v" int);
      CREATE INDEX "a_v" ON "a" ("v");
      ALTER TABLE "a" RENAME TO "b";
      ALTER INDEX "a_v" RENAME TO "b_v";
      CREATE TABLE "c" ("id" int);
      CREATE INDEX "c_id" ON "c" ("id");
      DROP TABLE "b";
      CREATE TABLE "b" ("id" int);`);
    expect(indexes(t)).toEqual(['public.c_id→public.c']);
  });

  it('forgets an index dropped or replaced before its table goes', () => {
    const s = replay(`
      CREATE TABLE "a" ("id" int);
      CREATE TABLE "b" ("id" int);
      CREATE INDEX "x" ON "a" ("id");
      DROP INDEX "x";
      CREATE INDEX "x" ON "b" ("id");
      DROP TABLE "a";`);
    expect(indexes(s)).toEqual(['public.x→public.b']);
    const t = replay(`
      CREATE TABLE "a" ("id" int, CONSTRAINT "a_u" UNIQUE ("id"));
      ALTER TABLE "a" DROP CONSTRAINT "a_u";
      ALTER TABLE "a" RENAME TO "z";`);
    expect(indexes(t)).toEqual([]);
  });

  it('drops the indexes and constraints that involve a dropped column, as Postgres does', () => {
    const s = replay(`
      CREATE TABLE "a" ("id" text PRIMARY KEY, "v" int, "w" int, CONSTRAINT "a_vw" UNIQUE ("v", "w"));
      CREATE INDEX "a_lower_w" ON "a" (("w" + 1));
      CREATE INDEX "a_v" ON "a" ("v");
      ALTER TABLE "a" RENAME TO "b";
      ALTER TABLE "b" DROP COLUMN IF EXISTS "id";
      ALTER TABLE "b" DROP COLUMN "w";`);
    expect(indexes(s)).toEqual(['public.a_v→public.b']);
    expect([...s.tables.get('public.b')!.constraints.keys()]).toEqual([]);
  });

  it('builds one index for a PRIMARY KEY and a UNIQUE on the same columns, named as Postgres names it', () => {
    // Checked against PostgreSQL 18 (PGlite): pg_constraint and pg_indexes after the same statements.
    const s = replay(`
      CREATE TABLE "a" ("id" text PRIMARY KEY, CONSTRAINT "a_id_unique" UNIQUE("id"));
      CREATE TABLE "b" ("id" text, CONSTRAINT "b_pk" PRIMARY KEY("id"), CONSTRAINT "b_id_unique" UNIQUE("id"));
      CREATE TABLE "c" ("id" text PRIMARY KEY, CONSTRAINT "c_id_unique" UNIQUE NULLS NOT DISTINCT("id"));
      CREATE TABLE "d" ("id" text PRIMARY KEY UNIQUE);
      CREATE TABLE "e" ("id" text PRIMARY KEY, CONSTRAINT "e_u1" UNIQUE("id"), CONSTRAINT "e_u2" UNIQUE("id"));`);
    expect(indexes(s)).toEqual(['public.a_id_unique→public.a', 'public.b_pk→public.b', 'public.c_id_unique→public.c', 'public.c_pkey→public.c', 'public.d_pkey→public.d', 'public.e_u1→public.e']);
    const kinds = (t: string) => [...s.tables.get(`public.${t}`)!.constraints.values()].map((c) => `${c.name}:${c.kind}`).sort();
    expect(kinds('a')).toEqual(['a_id_unique:primary']);
    expect(kinds('c')).toEqual(['c_id_unique:unique', 'c_pkey:primary']);
    expect(kinds('e')).toEqual(['e_u1:primary']);
    // Dropping "the unique constraint" drops the primary key.
    const t = replay(`
      CREATE TABLE "a" ("id" text PRIMARY KEY, CONSTRAINT "a_id_unique" UNIQUE("id"));
      ALTER TABLE "a" DROP CONSTRAINT "a_id_unique";`);
    expect(t.tables.get('public.a')!.constraints.size).toBe(0);
    expect(indexes(t)).toEqual([]);
  });

  it('gives an EXCLUDE constraint its index, named after it, over the columns it names', () => {
    const s = replay(`
      CREATE TABLE "p" ("product_id" int, "is_default" boolean, "during" tstzrange);
      ALTER TABLE "p" ADD CONSTRAINT "p_one_default" EXCLUDE USING btree ("product_id" WITH =) WHERE ("is_default");
      CREATE TABLE "r" ("room" int, "during" tstzrange, EXCLUDE USING gist ("room" WITH =, "during" WITH &&));`);
    expect(indexes(s)).toEqual(['public.p_one_default→public.p', 'public.r_room_during_excl→public.r']);
    expect(s.indexes.get('public.r_room_during_excl')).toMatchObject({ unique: false, columns: ['room', 'during'] });
    const t = replay(`
      CREATE TABLE "p" ("product_id" int);
      ALTER TABLE "p" ADD CONSTRAINT "p_x" EXCLUDE USING btree ("product_id" WITH =);
      ALTER TABLE "p" DROP CONSTRAINT "p_x";`);
    expect(indexes(t)).toEqual([]);
  });
});
