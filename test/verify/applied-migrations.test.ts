import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appliedOnServer } from '../../src/verify/applied-migrations.js';
import type { Session } from '../../src/verify/database.js';
import type { MigrationFolder } from '../../src/migrations/types.js';
import { parseMigration, type ParsedFile } from '../../src/sql/parse-file.js';
import { loadParser } from '../../src/sql/parser.js';

/** A server whose only table is the given migrations table holding the given hashes. */
function fakeServer(table: string, hashes: string[]): Session & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    engine: 'fake',
    serverVersion: '18',
    mayCommit: false,
    exec: async () => {},
    close: async () => {},
    query: async <T>(sql: string): Promise<T[]> => {
      queries.push(sql);
      if (sql.startsWith('SELECT to_regclass')) return [{ t: sql.includes(`'${table}'`) ? table : null }] as T[];
      return hashes.map((hash) => ({ hash, created_at: null })) as T[];
    },
  };
}

describe('appliedOnServer', async () => {
  await loadParser();
  const texts = { '/m/0000_a.sql': 'CREATE TABLE "a" ("id" int);', '/m/0001_b.sql': 'ALTER TABLE "a" ADD COLUMN "b" int;' };
  const parsed = new Map<string, ParsedFile>(Object.entries(texts).map(([p, t]) => [p, parseMigration(p, t)]));
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  const folder = (drizzle?: MigrationFolder['drizzle']): MigrationFolder => ({
    dir: '/m',
    layout: 'plain',
    files: Object.keys(texts).map((path, i) => ({ path, tag: path.slice(3, -4), batch: i, report: i === 1 })),
    ...(drizzle ? { drizzle } : {}),
  });

  it("reads drizzle-kit's default table, drizzle.__drizzle_migrations", async () => {
    const server = fakeServer('"drizzle"."__drizzle_migrations"', [sha(texts['/m/0000_a.sql'])]);
    expect([...(await appliedOnServer(server, folder(), parsed))]).toEqual(['/m/0000_a.sql']);
  });

  it("reads the table drizzle.config's migrations.schema/table name", async () => {
    const server = fakeServer('"ops"."applied"', [sha(texts['/m/0000_a.sql'])]);
    const applied = await appliedOnServer(server, folder({ table: 'applied', schema: 'ops', prefix: 'index' }), parsed);
    expect([...applied]).toEqual(['/m/0000_a.sql']);
    expect(server.queries[1]).toBe('SELECT hash, created_at::text AS created_at FROM "ops"."applied"');
  });
});
