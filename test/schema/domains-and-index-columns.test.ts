import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaModel } from '../../src/schema/model.js';
import { parseMigration } from '../../src/sql/parse-file.js';
import { loadParser } from '../../src/sql/parser.js';

function replay(sql: string): SchemaModel {
  const schema = new SchemaModel();
  for (const stmt of parseMigration('drizzle/0000_x.sql', sql).statements) schema.apply(stmt, { file: 'drizzle/0000_x.sql', batch: 0 });
  return schema;
}

describe('schema model: domains and index columns', () => {
  beforeAll(loadParser);

  it('follows domains and their CHECK / NOT NULL constraints', () => {
    const s = replay(
      'CREATE DOMAIN "app"."qty" AS integer CONSTRAINT "qty_pos" CHECK (VALUE > 0);\nALTER DOMAIN "app"."qty" ADD CONSTRAINT "qty_small" CHECK (VALUE < 100) NOT VALID;\n' +
        'ALTER DOMAIN "app"."qty" DROP CONSTRAINT "qty_pos";\nALTER DOMAIN "app"."qty" SET NOT NULL;\nCREATE DOMAIN "email" AS text;\nALTER DOMAIN "email" RENAME TO "mail";',
    );
    expect(s.domain(['app', 'qty'])).toMatchObject({ checks: ['qty_small'], notNull: true, baseType: { name: 'int4' } });
    expect(s.domain(['email'])).toBeUndefined();
    expect(s.domain(['mail'])).toMatchObject({ checks: [], notNull: false });
    expect(replay('CREATE DOMAIN "d" AS text;\nDROP DOMAIN "d";').domain(['d'])).toBeUndefined();
  });

  it('records the columns of indexes, expression indexes and key constraints, and USING INDEX adoption', () => {
    const s = replay(
      'CREATE TABLE "t" ("id" bigint, "a" text, "b" text, CONSTRAINT "t_ab" UNIQUE ("a", "b"));\n' +
        'CREATE INDEX "t_lower_a" ON "t" (lower("a"));\nCREATE UNIQUE INDEX "t_id_idx" ON "t" ("id");\n' +
        'ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY USING INDEX "t_id_idx";',
    );
    expect(s.indexes.get('public.t_ab')?.columns).toEqual(['a', 'b']);
    expect(s.indexes.get('public.t_lower_a')?.columns).toEqual(['a']);
    expect(s.indexes.get('public.t_id_idx')).toBeUndefined();
    expect(s.indexes.get('public.t_pkey')?.columns).toEqual(['id']);
    expect(s.table({ name: 't' })?.columns.get('id')?.notNull).toBe(true);
  });

  it('keeps the case of quoted type names and marks validated PG 18 NOT NULL constraints', () => {
    const s = replay('CREATE TABLE "t" ("s" "Status", "a" integer);\nALTER TABLE "t" ADD CONSTRAINT "t_a_nn" NOT NULL "a" NOT VALID;');
    expect(s.column({ name: 't' }, 's')?.type.name).toBe('Status');
    expect(s.column({ name: 't' }, 'a')?.notNull).toBe(false);
    const validated = replay('CREATE TABLE "t" ("a" integer);\nALTER TABLE "t" ADD CONSTRAINT "t_a_nn" NOT NULL "a" NOT VALID;\nALTER TABLE "t" VALIDATE CONSTRAINT "t_a_nn";');
    expect(validated.column({ name: 't' }, 'a')?.notNull).toBe(true);
  });
});
