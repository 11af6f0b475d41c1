/**
 * The scripted check: the built CLI runs verify against a throwaway real server with a
 * hostile batch. Before and after must be identical: pg_dump of the database (PGlite's pg_dump 18
 * in WASM from devDependencies, always; a native pg_dump of the server's major too when one is
 * installed), the cluster-wide state no dump of one database shows, no verify backend may remain
 * in pg_stat_activity, and the server must not have created a file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startThrowawayServer, type Server } from './throwaway-server.js';
import { CLI } from '../helpers/cli-process.js';
import { wasmPgDump } from '../helpers/wasm-pg-dump.js';

const started = startThrowawayServer();
const server: Server | undefined = 'url' in started ? started : undefined;
const skip = !server ? (started as { skip: string }).skip : !existsSync(CLI) ? 'dist/cli.cjs is missing: run `npm run build` (npm test does)' : undefined;
if (skip) console.warn(`verify hostile-batch check skipped: ${skip}`);
else if (!server!.pgDump) console.warn(`verify hostile-batch check: no native pg_dump of the server's major version is installed (${server!.version}); comparing with the WASM pg_dump 18 only`);

const APP = 'drizzle-migration-lint verify';

async function query<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server!.url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Both dumps of database `postgres`; the native one with a fixed --restrict-key (else random in every dump). */
async function dumps(): Promise<{ wasm: string; native?: string }> {
  const wasm = await wasmPgDump(server!.socket);
  const native = server!.pgDump ? execFileSync(server!.pgDump, ['--restrict-key=verify', '--dbname', server!.url], { encoding: 'utf8' }) : undefined;
  return { wasm, ...(native !== undefined ? { native } : {}) };
}

/**
 * What a dump of one database leaves out and the batch could reach: roles, databases and their
 * settings, tablespaces, what ALTER SYSTEM writes (pg_file_settings reads the files), prepared
 * transactions, replication slots, large objects (counted: pg_dump has them too).
 */
const CLUSTER_STATE = `
SELECT json_build_object(
  'roles', (SELECT json_agg(r ORDER BY rolname) FROM (SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, rolconfig FROM pg_roles) r),
  'databases', (SELECT json_agg(d ORDER BY datname) FROM (SELECT datname, datallowconn, datconnlimit, datistemplate, datacl::text FROM pg_database) d),
  'settings', (SELECT json_agg(s ORDER BY setdatabase, setrole) FROM (SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting) s),
  'tablespaces', (SELECT json_agg(spcname ORDER BY spcname) FROM pg_tablespace),
  'files', (SELECT json_agg(f ORDER BY sourcefile, sourceline) FROM (SELECT sourcefile, sourceline, name, setting FROM pg_file_settings) f),
  'prepared', (SELECT json_agg(gid ORDER BY gid) FROM pg_prepared_xacts),
  'slots', (SELECT json_agg(slot_name ORDER BY slot_name) FROM pg_replication_slots),
  'largeObjects', (SELECT count(*) FROM pg_largeobject_metadata)
) AS state`;
const clusterState = async () => (await query<{ state: unknown }>(CLUSTER_STATE))[0].state;

/**
 * Every file and folder under the server's folder (data directory, socket, log), except pg_wal/:
 * which WAL segments exist depends on how much WAL was written before, and no SQL command names a
 * file there. Measured on PG 18.4 with this batch and its dumps: nothing else appears or
 * disappears (rolled-back relations are unlinked at abort; the stats live in shared memory), so
 * nothing else is excluded. A file the batch asks the server to write (COPY TO, lo_export, ALTER
 * SYSTEM's postgresql.auto.conf.tmp, a tablespace folder, a PROGRAM's output) shows up here.
 */
const CHURN = [/^data\/pg_wal\/./];
function serverFiles(): string[] {
  const root = dirname(server!.dataDir);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(root, path);
      if (lstatSync(path).isDirectory()) walk(path);
      if (!CHURN.some((re) => re.test(rel))) out.push(rel);
    }
  };
  walk(root);
  return out.sort();
}

/** Runs the CLI; `whenRunning` is called once its backend runs the sleep. */
function runCli(args: string[], whenRunning?: (child: ReturnType<typeof spawn>) => Promise<void>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (whenRunning) whenRunning(child).catch(reject);
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.skipIf(!!skip)('verify --database-url with a hostile batch (the issue’s scripted check)', () => {
  afterAll(() => server?.stop());

  it('the dumps and the cluster are identical before and after, no verify backend remains, no file is created', async () => {
    // Rows and a serial: verify's sample rows are not needed here, but its own setval restore is exercised by the sequence.
    await query("CREATE TABLE victim (id serial PRIMARY KEY, name text); INSERT INTO victim (name) VALUES ('kept'); CREATE TABLE audit (at timestamptz DEFAULT now())");
    const root = mkdtempSync(join(tmpdir(), 'verify-hostile-'));
    const dir = join(root, 'drizzle');
    mkdirSync(dir);
    const pwned = join(dirname(server!.dataDir), 'pwned');
    writeFileSync(
      join(dir, '0000_copy.sql'),
      [
        `COPY victim TO PROGRAM 'touch ${pwned}-program';`,
        `COPY victim TO '${pwned}-copy';`,
        `SELECT lo_export(lo_import('${server!.dataDir}/PG_VERSION'), '${pwned}-lo');`,
        "ALTER SYSTEM SET work_mem = '1GB';",
        'CREATE DATABASE evil;',
        'CREATE ROLE evil SUPERUSER;',
        "INSERT INTO victim (name) VALUES ('added');",
        'ALTER TABLE victim ADD COLUMN note text;',
      ].join('\n--> statement-breakpoint\n') + '\n',
    );
    writeFileSync(join(dir, '0001_trick.sql'), "SET standard_conforming_strings = off;\n--> statement-breakpoint\nSELECT '\\''; COMMIT; DROP TABLE victim; --';\n");
    writeFileSync(join(dir, '0002_sleep.sql'), 'SELECT pg_sleep(60);\n');
    const before = { dumps: await dumps(), cluster: await clusterState(), files: serverFiles() };
    try {
      // 1. The copies, ALTER SYSTEM, CREATE DATABASE and the setting trick: reported, not run.
      const hostile = await runCli(['verify', join(dir, '0000_copy.sql'), join(dir, '0001_trick.sql'), '--database-url', server!.url, '--format', 'json']);
      expect(hostile.stderr).toBe('');
      const traces = JSON.parse(hostile.stdout).results.map((r: { trace: { status: string }[] }) => r.trace.map((t) => t.status));
      expect(traces).toEqual([['not-verifiable', 'not-verifiable', 'not-verifiable', 'not-verifiable', 'not-verifiable', 'ok', 'ok', 'ok'], ['not-verifiable', 'not-run']]);

      // 2. A sleep interrupted by SIGINT, then by SIGTERM: cancelled, rolled back, closed, exit 130 with one line.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const sleeping = await runCli(['verify', join(dir, '0002_sleep.sql'), '--database-url', server!.url], async (child) => {
          const running = await waitFor(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${APP}' AND query LIKE 'SELECT pg_sleep%' AND state = 'active'`))[0].n === 1, 30_000);
          expect(running).toBe(true);
          child.kill(signal);
        });
        expect(sleeping.code).toBe(130);
        expect(sleeping.stderr).toBe(`drizzle-migration-lint: verify interrupted by ${signal}: the running statement was cancelled, everything was rolled back and the connection closed\n`);
      }

      const gone = await waitFor(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${APP}'`))[0].n === 0, 5_000);
      expect(gone).toBe(true);
      const after = { dumps: await dumps(), cluster: await clusterState(), files: serverFiles() };
      expect(after.dumps.wasm).toContain("INSERT INTO public.victim VALUES (1, 'kept');");
      expect(after.dumps.wasm).toBe(before.dumps.wasm);
      expect(after.dumps.native).toBe(before.dumps.native);
      expect(after.cluster).toEqual(before.cluster);
      expect(after.files).toEqual(before.files);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);
});
