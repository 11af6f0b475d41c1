import { afterAll, describe, expect, it } from 'vitest';
import { verifyProject } from '../../src/verify/verify-project.js';
import { tempMigrations } from './temp-project.js';

describe('verify: what PGlite lacks', () => {
  const project = tempMigrations({
    '0000_init.sql': 'CREATE TABLE "posts" ("id" serial PRIMARY KEY, "title" text NOT NULL, "author" uuid NOT NULL);',
    '0001_rls.sql': [
      'CREATE EXTENSION IF NOT EXISTS "pgcrypto";',
      'CREATE EXTENSION IF NOT EXISTS "postgis";',
      'ALTER TABLE "posts" ADD COLUMN "place" geometry(Point, 4326);',
      'ALTER TABLE "posts" ENABLE ROW LEVEL SECURITY;',
      'CREATE POLICY "own posts" ON "posts" AS PERMISSIVE FOR SELECT TO "authenticated", "anon" USING (true);',
      'ALTER TABLE "posts" ADD COLUMN "token" text DEFAULT encode(gen_random_bytes(8), \'hex\');',
    ].join('--> statement-breakpoint\n'),
  });
  afterAll(() => project.remove());

  it('creates referenced roles as stubs, loads shipped extensions, and reports a missing one as not verifiable while the run goes on', async () => {
    const { result } = await verifyProject({ paths: [project.path('0001_rls.sql')] });
    const trace = result.results.find((r) => r.filePath.endsWith('0001_rls.sql'))!.trace!;
    expect(trace.map((t) => t.status)).toEqual(['ok', 'not-verifiable', 'not-verifiable', 'ok', 'ok', 'ok']);
    expect(trace[1].note).toMatch(/extension "postgis" is not available in PGlite/);
    expect(trace[2].note).toMatch(/needs extension "postgis"/);
    expect(result.verify!.missingExtensions).toEqual(['postgis']);
    expect(result.verify!.stubRoles.sort()).toEqual(['anon', 'authenticated']);
    // pgcrypto's volatile default rewrites the table (a row was put in it first).
    expect(trace[5].observed!.rewritten).toContain('posts');
    expect(result.verify!.filledTables).toBe(1);
    expect(result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'migration-fails')).toEqual([]);
  }, 120_000);
});

describe('verify: several migrations folders in one run', () => {
  const one = tempMigrations({ '0000_a.sql': 'CREATE TABLE "a" ("id" integer PRIMARY KEY);', '0001_b.sql': 'ALTER TABLE "a" ADD COLUMN "b" integer;' });
  const two = tempMigrations({ '0000_a.sql': 'CREATE TABLE "a" ("id" integer PRIMARY KEY);', '0001_b.sql': 'ALTER TABLE "a" ADD COLUMN "b" integer;' });
  afterAll(() => {
    one.remove();
    two.remove();
  });

  it('starts each folder from an empty database on the one PGlite instance', async () => {
    const { result } = await verifyProject({ paths: [one.path('0001_b.sql'), two.path('0001_b.sql')] });
    const traces = result.results.flatMap((r) => r.trace ?? []);
    expect(traces.map((t) => t.status)).toEqual(['ok', 'ok']);
    expect(traces.map((t) => t.observed!.locks.map((l) => `${l.relation}: ${l.mode}`))).toEqual([['a: ACCESS EXCLUSIVE'], ['a: ACCESS EXCLUSIVE']]);
    expect(result.verify!.historyProblems).toEqual([]);
  }, 120_000);
});
