// attaching-partition's proof against PostgreSQL 18's: with client_min_messages = debug1, ATTACH
// PARTITION says "partition constraint for table … is implied by existing constraints" when it skips
// the scan (tablecmds.c, QueuePartitionConstraintValidation). Every case where the rule proves the
// CHECK implies the bound must get that line; every case it reports as "may not match" here must not.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/rules/attaching-partition.js';
import { findingsOf } from '../helpers/test-rule.js';
import { startThrowawayServer, type Server } from '../verify/throwaway-server.js';

interface Case {
  name: string;
  /** The parent and the partition with its constraints (one migration, applied earlier). */
  setup: string[];
  attach: string;
  /** Whether the rule proves the bound implied (no finding) — and Postgres must skip the scan. */
  proven: boolean;
  checks?: string;
}

const RANGE = 'CREATE TABLE "ev" ("id" integer, "at" date) PARTITION BY RANGE ("at")';
const ATTACH_RANGE = `ALTER TABLE "ev" ATTACH PARTITION "ev_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`;
const NUM = 'CREATE TABLE "nums" ("k" integer) PARTITION BY RANGE ("k")';
const ATTACH_NUM = 'ALTER TABLE "nums" ATTACH PARTITION "nums_1" FOR VALUES FROM (100) TO (200)';
const LIST = 'CREATE TABLE "acct" ("id" integer, "region" text) PARTITION BY LIST ("region")';
const ATTACH_LIST = `ALTER TABLE "acct" ATTACH PARTITION "acct_west" FOR VALUES IN ('eu', 'us', 'ca')`;

const CASES: Case[] = [
  {
    name: 'range: IS NOT NULL AND >= from AND < to, the bound exactly',
    setup: [RANGE, 'CREATE TABLE "ev_2025" ("id" integer, "at" date)', `ALTER TABLE "ev_2025" ADD CONSTRAINT "b" CHECK ("at" IS NOT NULL AND "at" >= '2025-01-01' AND "at" < '2026-01-01')`],
    attach: ATTACH_RANGE,
    proven: true,
  },
  {
    name: 'range: a NOT NULL key column stands for IS NOT NULL; constants with casts',
    setup: [RANGE, 'CREATE TABLE "ev_2025" ("id" integer, "at" date NOT NULL)', `ALTER TABLE "ev_2025" ADD CONSTRAINT "b" CHECK ("at" >= '2025-01-01'::date AND "at" < '2026-01-01'::date)`],
    attach: ATTACH_RANGE,
    proven: true,
  },
  {
    name: 'range: spread over two CHECKs, a constant on the left',
    setup: [RANGE, 'CREATE TABLE "ev_2025" ("id" integer, "at" date)', 'ALTER TABLE "ev_2025" ADD CONSTRAINT "nn" CHECK ("at" IS NOT NULL)', `ALTER TABLE "ev_2025" ADD CONSTRAINT "b" CHECK ('2025-01-01' <= "at" AND "at" < '2026-01-01')`],
    attach: ATTACH_RANGE,
    proven: true,
  },
  {
    name: 'range of numbers: a tighter CHECK implies the bound',
    setup: [NUM, 'CREATE TABLE "nums_1" ("k" integer NOT NULL)', 'ALTER TABLE "nums_1" ADD CONSTRAINT "b" CHECK ("k" > 120 AND "k" <= 150)'],
    attach: ATTACH_NUM,
    proven: true,
  },
  {
    name: 'list: IS NOT NULL AND IN (the list)',
    setup: [LIST, 'CREATE TABLE "acct_west" ("id" integer, "region" text)', `ALTER TABLE "acct_west" ADD CONSTRAINT "b" CHECK ("region" IS NOT NULL AND "region" IN ('eu', 'us', 'ca'))`],
    attach: ATTACH_LIST,
    proven: true,
  },
  {
    name: 'list: a subset of the list, NOT NULL column',
    setup: [LIST, 'CREATE TABLE "acct_west" ("id" integer, "region" text NOT NULL)', `ALTER TABLE "acct_west" ADD CONSTRAINT "b" CHECK ("region" IN ('us', 'eu'))`],
    attach: ATTACH_LIST,
    proven: true,
  },
  {
    name: 'range without IS NOT NULL on a nullable key: a CHECK is satisfied by NULL, so it proves nothing about NULL',
    setup: [RANGE, 'CREATE TABLE "ev_2025" ("id" integer, "at" date)', `ALTER TABLE "ev_2025" ADD CONSTRAINT "b" CHECK ("at" >= '2025-01-01' AND "at" < '2026-01-01')`],
    attach: ATTACH_RANGE,
    proven: false,
    checks: '"b"',
  },
  {
    name: 'range: a CHECK wider than the bound',
    setup: [RANGE, 'CREATE TABLE "ev_2025" ("id" integer, "at" date NOT NULL)', `ALTER TABLE "ev_2025" ADD CONSTRAINT "b" CHECK ("at" >= '2024-01-01' AND "at" < '2026-01-01')`],
    attach: ATTACH_RANGE,
    proven: false,
    checks: '"b"',
  },
  {
    name: 'list: a CHECK allowing a value outside the list',
    setup: [LIST, 'CREATE TABLE "acct_west" ("id" integer, "region" text NOT NULL)', `ALTER TABLE "acct_west" ADD CONSTRAINT "b" CHECK ("region" IN ('eu', 'us', 'mx'))`],
    attach: ATTACH_LIST,
    proven: false,
    checks: '"b"',
  },
  {
    name: 'a CHECK about another column',
    setup: [RANGE, 'CREATE TABLE "ev_2025" ("id" integer, "at" date NOT NULL)', 'ALTER TABLE "ev_2025" ADD CONSTRAINT "pos" CHECK ("id" > 0)'],
    attach: ATTACH_RANGE,
    proven: false,
    checks: '"pos"',
  },
];

const IMPLIED = /partition constraint for table "[^"]+" is implied by existing constraints/;
const server: Server | { skip: string } = startThrowawayServer();
let client: pg.Client | undefined;
const notices: string[] = [];

beforeAll(async () => {
  if ('skip' in server) {
    console.log(`attaching-partition-server: PostgreSQL 18 skipped: ${server.skip}`);
    return;
  }
  client = new pg.Client({ connectionString: server.url, statement_timeout: 10_000 });
  client.on('notice', (n) => notices.push(n.message ?? ''));
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  if (!('skip' in server)) server.stop();
});

/** Whether Postgres skipped the scan: the DEBUG1 line of the ATTACH, in a transaction rolled back. */
async function postgresSkipsScan(c: Case): Promise<boolean> {
  await client!.query('BEGIN');
  try {
    for (const s of c.setup) await client!.query(s);
    notices.length = 0;
    await client!.query('SET LOCAL client_min_messages = debug1');
    await client!.query(c.attach);
    return notices.some((n) => IMPLIED.test(n));
  } finally {
    await client!.query('ROLLBACK');
  }
}

describe('attaching-partition: the CHECK-implies-bound proof against PostgreSQL 18', () => {
  for (const c of CASES) {
    it(`${c.proven ? 'proven' : 'not proven'}: ${c.name}`, async () => {
      const files = [
        { path: 'drizzle/0000_a.sql', text: c.setup.join(';\n--> statement-breakpoint\n') + ';', batch: 0 },
        { path: 'drizzle/0001_b.sql', text: `${c.attach};`, batch: 1 },
      ];
      const found = await findingsOf('attaching-partition', { files });
      const [, parent, partition] = /ALTER TABLE ("[^"]+") ATTACH PARTITION ("[^"]+")/.exec(c.attach)!;
      expect(found.map((f) => ({ message: f.message, severity: f.severity }))).toEqual(
        c.proven ? [] : [{ message: messages.mayNotMatch({ partition, parent, checks: c.checks! }), severity: 'warning' }],
      );
      if (!client) return;
      expect(await postgresSkipsScan(c)).toBe(c.proven);
    }, 30_000);
  }
});

describe('attaching-partition: a DEFAULT partition of the parent is scanned too (PostgreSQL 18)', () => {
  const setup = [
    RANGE,
    'CREATE TABLE "ev_def" PARTITION OF "ev" DEFAULT',
    `CREATE TABLE "ev_2025" ("id" integer, "at" date NOT NULL, CONSTRAINT "b" CHECK ("at" >= '2025-01-01' AND "at" < '2026-01-01'))`,
  ];
  it('the rule names the default partition; Postgres seq-scans it under ACCESS EXCLUSIVE though the new partition\'s CHECK is implied', async () => {
    const files = [
      { path: 'drizzle/0000_a.sql', text: setup.join(';\n--> statement-breakpoint\n') + ';', batch: 0 },
      { path: 'drizzle/0001_b.sql', text: `${ATTACH_RANGE};`, batch: 1 },
    ];
    const found = await findingsOf('attaching-partition', { files });
    expect(found.map((f) => ({ message: f.message, severity: f.severity }))).toEqual([
      { message: messages.defaultScan({ partition: '"ev_2025"', parent: '"ev"', defaultPartition: '"ev_def"' }), severity: 'error' },
    ]);
    if (!client) return;
    // The setup commits first: its CREATE TABLEs' own locks would hide the ATTACH's.
    for (const s of setup) await client.query(s);
    await client.query('BEGIN');
    try {
      const scans = async () => Number((await client!.query(`SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'ev_def'`)).rows[0].seq_scan);
      const before = await scans();
      notices.length = 0;
      await client.query('SET LOCAL client_min_messages = debug1');
      await client.query(ATTACH_RANGE);
      await client.query('SET LOCAL client_min_messages = notice');
      expect(notices.filter((n) => IMPLIED.test(n))).toEqual(['partition constraint for table "ev_2025" is implied by existing constraints']);
      expect((await scans()) - before).toBe(1);
      const locks = await client.query(`SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND c.relname IN ('ev', 'ev_def', 'ev_2025') ORDER BY c.relname`);
      expect(locks.rows).toEqual([
        { relname: 'ev', mode: 'ShareUpdateExclusiveLock' },
        { relname: 'ev_2025', mode: 'AccessExclusiveLock' },
        { relname: 'ev_def', mode: 'AccessExclusiveLock' },
      ]);
    } finally {
      await client.query('ROLLBACK');
      await client.query('DROP TABLE "ev", "ev_2025"');
    }
  }, 30_000);
});
