import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { VerifyResult } from '../../src/verify/types.js';
import { verifyProject } from '../../src/verify/verify-project.js';
import { main } from '../../src/cli/program.js';
import { FIXTURE_DIR, fileOf, lockSummary, pendingFiles, traceOf } from './fixture.js';
import { startThrowawayServer, type Server } from './throwaway-server.js';
import { tempMigrations } from './temp-project.js';

const started = startThrowawayServer();
const server: Server | undefined = 'url' in started ? started : undefined;
if (!server) console.warn(`verify --database-url tests skipped: ${(started as { skip: string }).skip}`);

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!server)('verify --database-url on a real PostgreSQL', () => {
  afterAll(() => server?.stop());

  describe('a database at the history (0000 applied and recorded as drizzle-kit does)', () => {
    let result: VerifyResult;
    const cases = ['0001', '0002', '0006', '0008', '0010', '0012'];
    const dbUrl = (name: string) => server!.url.replace(/\/postgres$/, `/${name}`);
    beforeAll(async () => {
      const setup = readFileSync(`${FIXTURE_DIR}/0000_setup.sql`, 'utf8');
      const results: VerifyResult[] = [];
      // Each case gets its own database at the reference fixture's state, as a branch of production would be.
      for (const prefix of cases) {
        const name = `case_${prefix}`;
        await sql(server!.url, `CREATE DATABASE ${name}`);
        await sql(dbUrl(name), setup.replace(/--> statement-breakpoint/g, ''));
        await sql(dbUrl(name), 'CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)');
        await sql(dbUrl(name), 'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, 1)', [createHash('sha256').update(setup).digest('hex')]);
        const file = pendingFiles(prefix)[0];
        const project = tempMigrations({ '0000_setup.sql': setup, [basename(file)]: readFileSync(file, 'utf8') });
        try {
          results.push((await verifyProject({ paths: [project.path(basename(file))], databaseUrl: dbUrl(name) })).result);
        } finally {
          project.remove();
        }
      }
      result = { ...results[0], results: results.flatMap((r) => r.results) };
    }, 60_000);

    it('names the server', () => {
      expect(result.verify!.engine).toMatch(/^PostgreSQL \d+/);
      expect(result.verify!.notes).toEqual([]);
      expect(result.verify!.historyProblems).toEqual([]);
    });

    it('observes the same locks, rewrites and scans as the reference', () => {
      expect(lockSummary(traceOf(result, '0001'))).toBe('t: ACCESS EXCLUSIVE');
      expect(traceOf(result, '0001').observed!.rewritten).toEqual([]);
      const volatile = traceOf(result, '0002');
      expect(lockSummary(volatile)).toBe('t: ACCESS EXCLUSIVE; 6 indexes: ACCESS EXCLUSIVE');
      expect(volatile.observed!.rewritten).toHaveLength(7);
      expect(lockSummary(traceOf(result, '0006'))).toBe('t: SHARE');
      expect(traceOf(result, '0006').observed!.scanned).toEqual(['t']);
      // Real PG takes no lock on p_pkey here (PGlite does).
      expect(lockSummary(traceOf(result, '0008'))).toBe('p: SHARE ROW EXCLUSIVE; t: SHARE ROW EXCLUSIVE');
    });

    it('reports the failures with their SQLSTATE', () => {
      expect(traceOf(result, '0010').observed!.error!.code).toBe('23502');
      expect(traceOf(result, '0012', 1).observed!.error!.code).toBe('55P04');
      expect(fileOf(result, '0010').messages.some((m) => m.ruleId === 'migration-fails' && /^Fails on PostgreSQL/.test(m.message))).toBe(true);
    });

    it('commits nothing', async () => {
      const db = dbUrl('case_0002');
      const cols = await sql<{ column_name: string }>(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 't' AND column_name IN ('x', 'y')");
      expect(cols).toEqual([]);
      expect(await sql(db, 'SELECT 1 FROM t')).toEqual([]);
      expect(await sql(db, "SELECT 1 FROM pg_class WHERE relname = 't_f_idx'")).toEqual([]);
    });
  });

  it('on an empty database, replays the history inside the rolled-back transaction and says what that hides', async () => {
    const { result } = await verifyProject({ paths: pendingFiles('0010'), databaseUrl: server!.url });
    expect(traceOf(result, '0010').observed!.error!.code).toBe('23502');
    expect(result.verify!.notes.join(' ')).toMatch(/replayed inside the rolled-back transaction/);
    expect(await sql(server!.url, "SELECT 1 FROM pg_class WHERE relname = 't'")).toEqual([]);
  }, 60_000);

  it('a connection error is a clean error with exit code 2', async () => {
    let err = '';
    const code = await main(['verify', FIXTURE_DIR, '--database-url', server!.url.replace(/\/postgres$/, '/no_such_db')], {
      out: () => undefined,
      err: (s) => (err += s),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/^drizzle-migration-lint: cannot connect to postgres:\/\/.*database "no_such_db" does not exist/);
  }, 60_000);

  it('a role that may not create objects is refused with exit code 2', async () => {
    await sql(server!.url, 'CREATE ROLE reader LOGIN');
    await sql(server!.url, 'CREATE DATABASE locked');
    await sql(server!.url, 'REVOKE ALL ON DATABASE locked FROM PUBLIC; GRANT CONNECT ON DATABASE locked TO reader');
    await sql(server!.url.replace(/\/postgres$/, '/locked'), 'REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    let err = '';
    const code = await main(['verify', FIXTURE_DIR, '--database-url', server!.url.replace('postgres@', 'reader@').replace(/\/postgres$/, '/locked')], {
      out: () => undefined,
      err: (s) => (err += s),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/cannot create objects in the database/);
  }, 60_000);
});
