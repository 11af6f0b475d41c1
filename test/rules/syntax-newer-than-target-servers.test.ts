// The version table of syntax-newer-than-target, measured: every construct runs on PostgreSQL 16.4
// (PGlite 0.2.17), 17.5 (PGlite 0.3.16), 18.6 (PGlite 0.5.16) and the embedded PostgreSQL 18 server,
// and must fail (with its class's SQLSTATE) exactly on the versions before the one the rule names.
// No server older than 16 is at hand: the 15 constructs are only seen to run on 16 and later.
import { PGlite as PGlite16 } from 'pglite-pg16';
import { PGlite as PGlite17 } from 'pglite-pg17';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSTRUCTS, messages } from '../../src/rules/syntax-newer-than-target.js';
import { findingsOf } from '../helpers/test-rule.js';
import { startThrowawayServer, type Server } from '../verify/throwaway-server.js';

type Key = keyof typeof CONSTRUCTS;
interface Case {
  /** Run first, in the same transaction; `{ from, sql }` only on that major and later (the older fails on the syntax first). */
  setup: (string | { from: number; sql: string })[];
  sql: string;
}

const T = ['CREATE TABLE t (a int)', 'INSERT INTO t VALUES (1)'];
const FK = ['CREATE TABLE u (id int PRIMARY KEY)', 'CREATE TABLE t (a int, CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id))'];
const TEMPORAL_KEY = 'CREATE TABLE p (r int4range, valid tstzrange, PRIMARY KEY (r, valid WITHOUT OVERLAPS))';
const MERGE = ['CREATE TABLE t (id int, a int)', 'CREATE TABLE s (id int, a int)'];

const CASES: Record<Key, Case> = {
  virtual: { setup: T, sql: 'ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) VIRTUAL' },
  notNullConstraint: { setup: T, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID' },
  notNullTableConstraint: { setup: [], sql: 'CREATE TABLE t2 (a int, CONSTRAINT t2_a_nn NOT NULL a)' },
  enforced: { setup: T, sql: 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED' },
  alterEnforced: { setup: FK, sql: 'ALTER TABLE t ALTER CONSTRAINT f NOT ENFORCED' },
  alterInherit: { setup: ['CREATE TABLE t (a int CONSTRAINT t_a_nn NOT NULL)'], sql: 'ALTER TABLE t ALTER CONSTRAINT t_a_nn NO INHERIT' },
  withoutOverlaps: { setup: [], sql: TEMPORAL_KEY },
  period: { setup: [{ from: 18, sql: TEMPORAL_KEY }], sql: 'CREATE TABLE c (r int4range, valid tstzrange, FOREIGN KEY (r, PERIOD valid) REFERENCES p (r, PERIOD valid))' },
  returningWith: { setup: T, sql: 'UPDATE t SET a = 2 RETURNING WITH (OLD AS o, NEW AS n) o.a, n.a' },
  returningOldNew: { setup: T, sql: 'UPDATE t SET a = 2 RETURNING old.a, new.a' },
  setExpression: { setup: ['CREATE TABLE g (a int, b int GENERATED ALWAYS AS (a * 2) STORED)'], sql: 'ALTER TABLE g ALTER COLUMN b SET EXPRESSION AS (a * 3)' },
  jsonTable: { setup: [], sql: `SELECT * FROM JSON_TABLE('[1, 2]'::jsonb, '$[*]' COLUMNS (x int PATH '$'))` },
  jsonQuery: { setup: [], sql: `SELECT JSON_VALUE('{"a": 1}'::jsonb, '$.a')` },
  jsonScalar: { setup: [], sql: 'SELECT JSON_SCALAR(1)' },
  jsonUniqueKeys: { setup: [], sql: `SELECT JSON('{"a": 1}' WITH UNIQUE KEYS)` },
  mergeReturning: { setup: MERGE, sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.id' },
  mergeBySource: { setup: MERGE, sql: 'MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE' },
  accessMethodDefault: { setup: T, sql: 'ALTER TABLE t SET ACCESS METHOD DEFAULT' },
  statisticsDefault: { setup: T, sql: 'ALTER TABLE t ALTER COLUMN a SET STATISTICS DEFAULT' },
  atLocal: { setup: [], sql: 'SELECT now() AT LOCAL' },
  isJson: { setup: [], sql: `SELECT '{}' IS JSON OBJECT` },
  jsonConstructor: { setup: [], sql: 'SELECT JSON_ARRAY(1, 2)' },
  jsonAggregate: { setup: T, sql: 'SELECT JSON_ARRAYAGG(a) FROM t' },
  columnStorage: { setup: [], sql: 'CREATE TABLE t2 (a text STORAGE EXTERNAL)' },
  grantInheritSet: { setup: ['CREATE ROLE r1', 'CREATE ROLE r2'], sql: 'GRANT r1 TO r2 WITH INHERIT FALSE' },
  nullsNotDistinct: { setup: T, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_u UNIQUE NULLS NOT DISTINCT (a)' },
  deleteSetColumns: { setup: ['CREATE TABLE u (id int PRIMARY KEY)'], sql: 'CREATE TABLE t (a int, b int, FOREIGN KEY (a) REFERENCES u (id) ON DELETE SET NULL (a))' },
  merge: { setup: MERGE, sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE' },
};

/** What an older server answers, by the construct's class. */
const CODES = { syntax: ['42601'], function: ['42883', '42601'], oldNew: ['42P01'], unsupported: ['0A000'] } as const;
const MESSAGE = { syntax: messages.newer, function: messages.newerFunction, oldNew: messages.newerOldNew, unsupported: messages.newerUnsupported } as const;

const setupFor = (c: Case, major: number) => c.setup.flatMap((s) => (typeof s === 'string' ? [s] : major >= s.from ? [s.sql] : []));

interface Engine {
  name: string;
  major: number;
  /** The SQLSTATE the statement failed with, or 'ok'; the transaction is rolled back either way. */
  run(c: Case): Promise<string>;
  close(): Promise<void>;
}

function pgliteEngine(name: string, db: { exec(sql: string): Promise<unknown>; query(sql: string): Promise<{ rows: unknown[] }>; close(): Promise<void> }): Engine & { init(): Promise<void> } {
  const engine = {
    name,
    major: 0,
    async init() {
      const row = (await db.query('SHOW server_version_num')).rows[0] as { server_version_num: string };
      engine.major = Math.floor(Number(row.server_version_num) / 10000);
    },
    async run(c: Case) {
      await db.exec('BEGIN');
      try {
        for (const s of setupFor(c, engine.major)) await db.exec(s);
        try {
          await db.exec(c.sql);
          return 'ok';
        } catch (e) {
          return String((e as { code?: string }).code);
        }
      } finally {
        await db.exec('ROLLBACK');
      }
    },
    close: () => db.close(),
  };
  return engine;
}

const engines: Engine[] = [];
const server: Server | { skip: string } = startThrowawayServer();
let client: pg.Client | undefined;

beforeAll(async () => {
  for (const [name, db] of [['PGlite 0.2.17', new PGlite16()], ['PGlite 0.3.16', new PGlite17()], ['PGlite 0.5.16', new PGlite()]] as const) {
    const e = pgliteEngine(name, db as never);
    await e.init();
    engines.push(e);
  }
  if ('skip' in server) {
    console.log(`syntax-newer-than-target-servers: embedded PostgreSQL 18 skipped: ${server.skip}`);
    return;
  }
  client = new pg.Client({ connectionString: server.url, statement_timeout: 10_000 });
  await client.connect();
  const c = client;
  const major = Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
  engines.push({
    name: server.version,
    major,
    async run(k: Case) {
      await c.query('BEGIN');
      try {
        for (const s of setupFor(k, major)) await c.query(s);
        try {
          await c.query(k.sql);
          return 'ok';
        } catch (e) {
          return String((e as { code?: string }).code);
        }
      } finally {
        await c.query('ROLLBACK');
      }
    },
    close: () => c.end(),
  });
}, 120_000);

afterAll(async () => {
  for (const e of engines) await e.close();
  if (!('skip' in server)) server.stop();
});

describe('syntax-newer-than-target: the version table against real servers', () => {
  it('the engines are the majors this test claims', () => {
    expect(engines.slice(0, 3).map((e) => e.major)).toEqual([16, 17, 18]);
    if (engines[3]) expect(engines[3].major).toBe(18);
  });

  for (const [key, c] of Object.entries(CASES) as [Key, Case][]) {
    const construct = CONSTRUCTS[key];
    it(`${key}: fails before ${construct.since} (${construct.fails}), runs from ${construct.since}`, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const e of engines) {
        const r = await e.run(c);
        got[e.name] = r === 'ok' || e.major >= construct.since ? r : (CODES[construct.fails] as readonly string[]).includes(r) ? 'fails as the class says' : r;
        want[e.name] = e.major >= construct.since ? 'ok' : 'fails as the class says';
      }
      expect(got).toEqual(want);
      // The rule names this construct for the target just before it, and nothing at its version.
      const target = construct.since - 1;
      const found = await findingsOf('syntax-newer-than-target', { sql: `${c.sql};`, config: { postgresVersion: target } });
      expect(found.map((f) => f.message)).toEqual([MESSAGE[construct.fails]({ what: construct.what, since: construct.since, target })]);
      expect(await findingsOf('syntax-newer-than-target', { sql: `${c.sql};`, config: { postgresVersion: construct.since } })).toEqual([]);
    }, 30_000);
  }
});
