import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readServerMigrations } from '../../src/verify/applied-migrations.js';
import type { Session } from '../../src/verify/database.js';
import type { MigrationFolder } from '../../src/migrations/types.js';
import { tempMigrations } from './temp-project.js';

/** A server whose only table is the given migrations table holding the given rows. */
function fakeServer(table: string, rows: { hash: string; created_at: string | null }[]): Session & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    engine: 'fake',
    serverVersion: '18',
    mayCommit: false,
    exec: async () => {},
    close: async () => {},
    query: async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
      queries.push(sql);
      if (sql.startsWith('SELECT to_regclass')) return [{ t: params?.[0] === table ? table : null }] as T[];
      return rows as T[];
    },
  };
}

describe('readServerMigrations: what drizzle-orm’s migrator would run', () => {
  const texts = { '0000_a.sql': 'CREATE TABLE "a" ("id" int);', '0001_b.sql': 'ALTER TABLE "a" ADD COLUMN "b" int;', '0002_c.sql': 'SELECT 1;', 'extra.sql': 'SELECT 2;' };
  const project = tempMigrations(texts);
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  const entries = [
    { idx: 0, tag: '0000_a', when: 1000 },
    { idx: 1, tag: '0001_b', when: 2000 },
    { idx: 2, tag: '0002_c', when: 3000 },
  ].map((e) => ({ ...e, at: { line: 1, column: 1, endLine: 1, endColumn: 1 } }));
  const folder = (drizzle?: MigrationFolder['drizzle']): MigrationFolder =>
    ({
      dir: project.dir,
      layout: 'journal',
      journal: { path: `${project.dir}/meta/_journal.json`, entries, text: '' },
      files: Object.keys(texts).map((name, i) => ({ path: project.path(name), tag: name.slice(0, -4), batch: i, report: true })),
      ...(drizzle ? { drizzle } : {}),
    }) as MigrationFolder;

  it("reads drizzle-kit's default table: entries up to the greatest created_at are applied, whatever their hash", async () => {
    // 0000 recorded with its hash; 0001 recorded with another hash (edited after it ran): the migrator
    // compares created_at only, so both are applied; 0002 is newer: pending; extra.sql is not journalled.
    const server = fakeServer('"drizzle"."__drizzle_migrations"', [
      { hash: sha(texts['0000_a.sql']), created_at: '1000' },
      { hash: 'f'.repeat(64), created_at: '2000' },
    ]);
    const m = await readServerMigrations(server, folder());
    expect(m.exists).toBe(true);
    expect([...m.applied]).toEqual([project.path('0000_a.sql'), project.path('0001_b.sql')]);
    expect([...m.edited]).toEqual([project.path('0001_b.sql')]);
    expect([...m.pending]).toEqual([project.path('0002_c.sql')]);
    expect([...m.notJournalled]).toEqual([project.path('extra.sql')]);
  });

  it("reads the table drizzle.config's migrations.schema/table name; with no rows everything journalled is pending", async () => {
    const server = fakeServer('"ops"."applied"', []);
    const m = await readServerMigrations(server, folder({ table: 'applied', schema: 'ops', prefix: 'index' }));
    expect(m.table).toBe('ops.applied');
    expect(server.queries[1]).toBe('SELECT hash, created_at::text AS created_at FROM "ops"."applied"');
    expect(m.applied.size).toBe(0);
    expect(m.pending.size).toBe(3);
  });

  it('a database where drizzle never ran has no table: nothing is applied', async () => {
    const m = await readServerMigrations(fakeServer('"x"."y"', []), folder());
    expect(m.exists).toBe(false);
    expect(m.applied.size).toBe(0);
  });
});
