import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { main } from '../../src/cli/program.js';
import type { VerifyResult as LintResult } from '../../src/verify/types.js';
import { OUTSIDE_EFFECTS } from '../../src/verify/outside-effects.js';
import { connectServer } from '../../src/verify/server-session.js';
import { beginServerTransaction, checkStillInside } from '../../src/verify/server-transaction.js';
import { SafetyStop } from '../../src/verify/stops.js';
import { verifyProject, type VerifyOptions } from '../../src/verify/verify-project.js';
import { startThrowawayServer, type Server } from './throwaway-server.js';

const started = startThrowawayServer();
const server: Server | undefined = 'url' in started ? started : undefined;
if (!server) console.warn(`verify --database-url safety tests skipped: ${(started as { skip: string }).skip}`);

/** The throwaway server's own folder (its unix socket lives there): a place the server may write to. */
const serverDir = () => decodeURIComponent(/^postgres:\/\/[^@]*@([^:]+):/.exec(server!.url)![1]);

let dbCount = 0;
/** A fresh database with `setup` run in it; returns its URL. */
async function database(setup = ''): Promise<string> {
  const name = `safety_${++dbCount}`;
  await sql(server!.url, `CREATE DATABASE ${name}`);
  const url = server!.url.replace(/\/postgres$/, `/${name}`);
  if (setup) await sql(url, setup);
  return url;
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(text, params);
    return (Array.isArray(r) ? r.at(-1) : r).rows as T[];
  } finally {
    await client.end();
  }
}

/** A drizzle-kit 0.x folder: files and a journal listing `journalled` (default: every file). */
function project(files: Record<string, string>, journalled = Object.keys(files)): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'verify-safety-'));
  const dir = join(root, 'drizzle');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const entries = journalled.map((name, idx) => ({ idx, version: '7', when: 1_700_000_000_000 + idx * 1000, tag: name.replace(/\.sql$/, ''), breakpoints: true }));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

async function verify(files: Record<string, string>, url: string, options: Partial<VerifyOptions> = {}, journalled?: string[]): Promise<LintResult> {
  const p = project(files, journalled);
  try {
    return (await verifyProject({ paths: [p.dir], databaseUrl: url, ...options })).result;
  } finally {
    p.remove();
  }
}

const traceOf = (result: LintResult, file: string) => result.results.find((r) => r.filePath.endsWith(file))!.trace!;
const victimExists = async (url: string) => (await sql<{ t: string | null }>(url, "SELECT to_regclass('victim')::text AS t"))[0].t === 'victim';

afterAll(() => server?.stop());

/**
 * With standard_conforming_strings on (the splitter's reading) `'\''; COMMIT; DROP TABLE victim; --'`
 * is one string literal; with it off, `\'` escapes the quote, the literal ends, and COMMIT and DROP
 * are statements of their own.
 */
const TRICK = "SELECT '\\''; COMMIT; DROP TABLE victim; --';\n";

describe.skipIf(!server)('verify --database-url can never commit', () => {
  it('sends one statement per round trip: the server refuses a text holding two (42601)', async () => {
    const session = await connectServer(await database('CREATE TABLE victim (id int)'));
    try {
      await expect(session.exec('SELECT 1; DROP TABLE victim')).rejects.toMatchObject({ code: '42601', message: 'cannot insert multiple commands into a prepared statement' });
    } finally {
      await session.close();
    }
  });

  it('the standard_conforming_strings trick: SET is not run, nothing after it runs, the table survives', async () => {
    const url = await database('CREATE TABLE victim (id int)');
    const result = await verify(
      { '0000_trick.sql': `SET standard_conforming_strings = off;\n--> statement-breakpoint\n${TRICK}` },
      url,
    );
    const trace = traceOf(result, '0000_trick.sql');
    expect(trace.map((t) => t.status)).toEqual(['not-verifiable', 'not-run']);
    expect(trace[0].note).toBe('not run on a server: it changes standard_conforming_strings, which changes how the rest of the file is split into statements');
    expect(trace[1].note).toMatch(/^not run: .*0000_trick\.sql:1:1 would change standard_conforming_strings, so the rest of the text may not be split as Postgres reads it$/);
    expect(await victimExists(url)).toBe(true);
  }, 60_000);

  it('a setting changed from inside a query (set_config) halts the run after that statement', async () => {
    const url = await database('CREATE TABLE victim (id int)');
    const result = await verify(
      { '0000_trick.sql': `SELECT set_config('standard_conforming_strings', 'off', true);\n--> statement-breakpoint\n${TRICK}` },
      url,
    );
    const trace = traceOf(result, '0000_trick.sql');
    expect(trace.map((t) => t.status)).toEqual(['ok', 'not-run']);
    expect(trace[1].note).toMatch(/0000_trick\.sql:1:1 changed standard_conforming_strings \(on → off\), so the rest of the text may not be split as Postgres reads it$/);
    expect(await victimExists(url)).toBe(true);
  }, 60_000);

  it('on a database whose default is standard_conforming_strings = off, the hidden COMMIT fails instead of running', async () => {
    const url = await database('CREATE TABLE victim (id int)');
    await sql(server!.url, `ALTER DATABASE safety_${dbCount} SET standard_conforming_strings = off`);
    const result = await verify({ '0000_trick.sql': TRICK }, url);
    expect(traceOf(result, '0000_trick.sql')[0].observed!.error!.code).toBe('42601');
    expect(await victimExists(url)).toBe(true);
  }, 60_000);

  it('transaction control in a migration (ROLLBACK, END, PREPARE TRANSACTION, savepoints) is not run: the batch stays in verify\'s transaction', async () => {
    const url = await database('CREATE TABLE victim (id int)');
    const statements = ['SAVEPOINT s;', 'ROLLBACK TO SAVEPOINT s;', 'RELEASE SAVEPOINT s;', 'DROP TABLE victim;', 'ROLLBACK;', 'END;', "PREPARE TRANSACTION 'x';", 'ALTER TABLE victim ADD COLUMN y int;'];
    const result = await verify({ '0000_tx.sql': statements.join('\n--> statement-breakpoint\n') }, url);
    const trace = traceOf(result, '0000_tx.sql');
    const control = ['not-verifiable', 'transaction control is not run: verify keeps the batch in its own transaction and never commits it early'];
    // END is COMMIT: what follows it is drizzle-kit's early-COMMIT escape hatch, reported, not run.
    expect(trace.map((t) => [t.status, t.note ?? null])).toEqual([
      control,
      control,
      control,
      ['ok', null],
      control,
      ['not-verifiable', "runs outside the batch (COMMIT ends drizzle-kit's transaction early), not run here: verify never commits on a server you provide"],
      ['not-verifiable', 'runs outside the batch (after the COMMIT at 11:1), not run here'],
      ['not-verifiable', 'runs outside the batch (after the COMMIT at 11:1), not run here'],
    ]);
    expect(await victimExists(url)).toBe(true);
    expect(await sql(server!.url, 'SELECT count(*)::int AS n FROM pg_prepared_xacts')).toEqual([{ n: 0 }]);
  }, 60_000);

  it('stops with an error when the session is no longer inside its transaction', async () => {
    const session = await connectServer(await database());
    try {
      const tx = await beginServerTransaction(session);
      expect(await checkStillInside(session, tx, 'x.sql:1:1')).toBeUndefined();
      await session.exec('COMMIT');
      const stop = checkStillInside(session, tx, 'x.sql:1:1');
      await expect(stop).rejects.toBeInstanceOf(SafetyStop);
      await expect(stop).rejects.toThrow(/^verify stopped after x\.sql:1:1: the session is no longer inside verify's transaction \(transaction \d+, now none\)/);
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(!server)('verify --database-url runs nothing with effects outside the transaction', () => {
  it('COPY … TO PROGRAM, also through EXECUTE in a DO body, is reported and not run: no file appears', async () => {
    const url = await database('CREATE TABLE t (id int)');
    const file = join(serverDir(), `pwned-${dbCount}`);
    const result = await verify(
      {
        '0000_copy.sql': [
          `COPY t TO PROGRAM 'touch ${file}-a';`,
          `DO $$ BEGIN EXECUTE 'COPY t TO PROGRAM ''touch ${file}-b'''; END $$;`,
          `SELECT lo_export(1, '${file}-c');`,
          'VACUUM t;',
          'ALTER SYSTEM SET work_mem = 1;',
          "NOTIFY verify_channel, 'x';",
        ].join('\n--> statement-breakpoint\n'),
      },
      url,
    );
    const trace = traceOf(result, '0000_copy.sql');
    expect(trace.map((t) => t.status)).toEqual(Array(6).fill('not-verifiable'));
    expect(trace.map((t) => t.note)).toEqual([
      `${OUTSIDE_EFFECTS} (COPY … PROGRAM runs a shell command on the database server)`,
      `${OUTSIDE_EFFECTS} (the DO body calls COPY t TO PROGRAM)`,
      `${OUTSIDE_EFFECTS} (lo_export())`,
      `${OUTSIDE_EFFECTS} (VACUUM)`,
      `${OUTSIDE_EFFECTS} (ALTER SYSTEM writes postgresql.auto.conf)`,
      `${OUTSIDE_EFFECTS} (NOTIFY)`,
    ]);
    for (const suffix of ['-a', '-b', '-c']) expect(existsSync(file + suffix)).toBe(false);
  }, 60_000);

  it('a failed batch is not replayed and stops the run, as drizzle-kit migrate stops', async () => {
    const url = await database('CREATE TABLE t (id int)');
    const result = await verify(
      {
        '0000_fails.sql': 'ALTER TABLE t ADD COLUMN x int NOT NULL;',
        '0001_later.sql': 'CREATE TABLE later (id int);',
      },
      url,
      { config: { since: undefined } },
    );
    expect(traceOf(result, '0000_fails.sql')[0].observed!.error!.code).toBe('23502');
    const later = traceOf(result, '0001_later.sql')[0];
    expect(later.status).toBe('not-run');
    expect(later.note).toMatch(/^not run: the batch failed at .*0000_fails\.sql:1:1; drizzle-kit migrate stops there, and verify never replays a failed batch on a server$/);
    expect(result.verify!.historyProblems).toEqual([]);
  }, 60_000);

  it('puts back the sequences its sample rows advanced: the server is as it was', async () => {
    const url = await database('CREATE TABLE t (id serial PRIMARY KEY, name text)');
    const result = await verify({ '0000_idx.sql': 'CREATE INDEX t_name_idx ON t (name);' }, url);
    expect(result.verify!.filledTables).toBe(1);
    expect(await sql(url, "SELECT last_value::text, is_called FROM t_id_seq")).toEqual([{ last_value: '1', is_called: false }]);
  }, 60_000);

  it("locks of verify's own sample rows are never listed as already held", async () => {
    const url = await database('CREATE TABLE t (id int, name text)');
    const result = await verify({ '0000_idx.sql': 'CREATE INDEX t_name_idx ON t (name);' }, url);
    const t = traceOf(result, '0000_idx.sql')[0];
    expect(t.observed!.locks.map((l) => `${l.relation}: ${l.mode}`)).toEqual(['t: SHARE']);
    expect(t.observed!.held).toBeUndefined();
  }, 60_000);
});

describe.skipIf(!server)('verify --database-url is bounded', () => {
  it('--statement-timeout cancels a statement that runs too long: a finding, not a hang', async () => {
    const url = await database();
    const t0 = performance.now();
    const result = await verify({ '0000_sleep.sql': 'SELECT pg_sleep(20);' }, url, { statementTimeoutMs: 300 });
    expect(performance.now() - t0).toBeLessThan(15_000);
    const t = traceOf(result, '0000_sleep.sql')[0];
    expect(t.status).toBe('failed');
    expect(t.observed!.error!.code).toBe('57014');
    expect(t.note).toBe('cancelled by --statement-timeout: it ran longer than verify allows on a server');
  }, 60_000);

  it("a statement_timeout in the URL's options does not break the setup, and the session is closed", async () => {
    const url = `${await database()}?options=-c%20statement_timeout%3D1`;
    const result = await verify({ '0000_t.sql': 'CREATE TABLE x (id int);' }, url);
    expect(traceOf(result, '0000_t.sql')[0].status).toBe('ok');
    expect(await sql(server!.url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'drizzle-migration-lint verify'")).toEqual([{ n: 0 }]);
  }, 60_000);

  it('--verbose shows the limits; a bad duration is a usage error', async () => {
    const url = await database();
    const p = project({ '0000_t.sql': 'SELECT 1;' });
    try {
      let err = '';
      const code = await main(['verify', p.dir, '--database-url', url, '--verbose', '--statement-timeout', '2s', '--lock-timeout', '250ms'], { out: () => undefined, err: (s) => (err += s) });
      expect(code).toBe(0);
      expect(err).toContain('verify: statement_timeout 2000 ms, lock_timeout 250 ms (--statement-timeout, --lock-timeout)\n');
      err = '';
      expect(await main(['verify', p.dir, '--database-url', url, '--lock-timeout', 'soon'], { out: () => undefined, err: (s) => (err += s) })).toBe(2);
      expect(err).toBe('drizzle-migration-lint: --lock-timeout soon: expected a duration such as 500ms, 30s or 2min (at least 1 ms)\n');
    } finally {
      p.remove();
    }
  }, 60_000);
});

describe.skipIf(!server)('verify --database-url never prints a credential', () => {
  it.each(['text', 'json', 'sarif', 'markdown', 'github', 'gitlab'])('--format %s', async (format) => {
    const url = `${(await database('CREATE TABLE t (id int)')).replace('postgres://postgres@', 'postgres://postgres:hunter2%40x@')}?password=hunter3&sslmode=disable`;
    const p = project({ '0000_fails.sql': 'ALTER TABLE t ADD COLUMN x int NOT NULL;' });
    try {
      let out = '';
      let err = '';
      const code = await main(['verify', p.dir, '--database-url', url, '--format', format], { out: (s) => (out += s), err: (s) => (err += s) });
      expect(code).toBe(1);
      expect(out + err).not.toMatch(/hunter/);
      // The failure names the server, with what is safe to show (markdown escapes the asterisks).
      expect(out).toMatch(/postgres:(\*\*\*|\\\*\\\*\\\*)@/);
    } finally {
      p.remove();
    }
  }, 60_000);

  it('a connection error with an empty user name and a password does not echo the password', async () => {
    let err = '';
    const code = await main(['verify', 'examples/saas/drizzle', '--database-url', 'postgres://:hunter2@127.0.0.1:1/db'], { out: () => undefined, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toMatch(/^drizzle-migration-lint: cannot connect to postgres:\/\/:\*\*\*@127\.0\.0\.1:1\/db: /);
    expect(err).not.toMatch(/hunter/);
  });
});

describe.skipIf(!server)('verify --database-url matches what drizzle-kit migrate does', () => {
  it('runs only what the migrations table lacks, in one transaction; files outside the journal are not run', async () => {
    const url = await database(
      'CREATE TABLE t (id int); CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);' +
        "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('h', 1700000000000)",
    );
    const result = await verify(
      {
        '0000_t.sql': 'CREATE TABLE t (id int);',
        '0001_a.sql': 'ALTER TABLE t ADD COLUMN a int;',
        '0002_b.sql': 'ALTER TABLE t ADD COLUMN b int;',
        'stray.sql': 'DROP TABLE t;',
      },
      url,
      {},
      ['0000_t.sql', '0001_a.sql', '0002_b.sql'],
    );
    expect(traceOf(result, '0000_t.sql')[0].note).toBe('already applied on this database (drizzle.__drizzle_migrations): not run');
    // Not in the journal: drizzle-kit migrate never runs it (journal-file-mismatch says so), nor does verify.
    expect(result.results.find((r) => r.filePath.endsWith('stray.sql'))!.trace).toBeUndefined();
    expect(traceOf(result, '0001_a.sql')[0].status).toBe('ok');
    const b = traceOf(result, '0002_b.sql')[0];
    expect(b.status).toBe('ok');
    // One transaction: 0001 already holds ACCESS EXCLUSIVE on t, so 0002 takes no new lock.
    expect(b.observed!.locks).toEqual([]);
    expect(b.observed!.held).toEqual([{ relation: 't', kind: 'table', mode: 'ACCESS EXCLUSIVE' }]);
    expect(result.verify!.historyProblems).toEqual([]);
  }, 60_000);

  it('the COMMIT; … CONCURRENTLY …; BEGIN; escape hatch is not a failure: what runs outside the batch is reported, not run', async () => {
    const url = await database('CREATE TABLE t (id int)');
    const result = await verify(
      { '0000_cic.sql': 'COMMIT;\n--> statement-breakpoint\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n--> statement-breakpoint\nBEGIN;\n--> statement-breakpoint\nALTER TABLE t ADD COLUMN x int;' },
      url,
    );
    const trace = traceOf(result, '0000_cic.sql');
    expect(trace.map((t) => [t.status, t.note])).toEqual([
      ['not-verifiable', "runs outside the batch (COMMIT ends drizzle-kit's transaction early), not run here: verify never commits on a server you provide"],
      ['not-verifiable', 'runs outside the batch (after the COMMIT at 1:1), not run here'],
      ['not-verifiable', 'runs outside the batch (BEGIN after an early COMMIT), not run here'],
      ['ok', undefined],
    ]);
    expect(result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'migration-fails')).toEqual([]);
  }, 60_000);

  it('an enum created, extended and used in one batch succeeds as it does under drizzle-kit migrate (no savepoint changes the outcome)', async () => {
    const url = await database();
    const result = await verify(
      { '0000_enum.sql': "CREATE TYPE mood AS ENUM ('a');\n--> statement-breakpoint\nALTER TYPE mood ADD VALUE 'b';\n--> statement-breakpoint\nCREATE TABLE x (m mood DEFAULT 'b');" },
      url,
    );
    expect(traceOf(result, '0000_enum.sql').map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
  }, 60_000);
});
