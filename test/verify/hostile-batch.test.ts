/**
 * The scripted check: the built CLI runs verify against a throwaway real server with a
 * hostile batch; pg_dump before and after must be identical, no backend of verify may remain, and
 * the server must not have created a file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startThrowawayServer, type Server } from './throwaway-server.js';
import { CLI } from '../helpers/cli-process.js';

const started = startThrowawayServer({ withPgDump: true });
const server: Server | undefined = 'url' in started ? started : undefined;
const skip = !server ? (started as { skip: string }).skip : !existsSync(CLI) ? 'dist/cli.cjs is missing: run `npm run build` (npm test does)' : undefined;
if (skip) console.warn(`verify hostile-batch check skipped: ${skip}`);

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

// A fixed --restrict-key: pg_dump 15.14+ otherwise writes a random one into every dump.
const dump = () => execFileSync(server!.pgDump!, ['--restrict-key=verify', '--dbname', server!.url], { encoding: 'utf8' });

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

  it('pg_dump is identical before and after, no verify backend remains, no file is created', async () => {
    await query("CREATE TABLE victim (id serial PRIMARY KEY, name text); CREATE TABLE audit (at timestamptz DEFAULT now())");
    const root = mkdtempSync(join(tmpdir(), 'verify-hostile-'));
    const dir = join(root, 'drizzle');
    mkdirSync(dir);
    const pwned = join(decodeURIComponent(/@([^:]+):/.exec(server!.url)![1]), 'pwned');
    writeFileSync(join(dir, '0000_copy.sql'), `COPY victim TO PROGRAM 'touch ${pwned}';\n--> statement-breakpoint\nALTER TABLE victim ADD COLUMN note text;\n`);
    writeFileSync(join(dir, '0001_trick.sql'), "SET standard_conforming_strings = off;\n--> statement-breakpoint\nSELECT '\\''; COMMIT; DROP TABLE victim; --';\n");
    writeFileSync(join(dir, '0002_sleep.sql'), 'SELECT pg_sleep(60);\n');
    const before = dump();
    try {
      // 1. The copy and the setting trick: reported, not run.
      const hostile = await runCli(['verify', join(dir, '0000_copy.sql'), join(dir, '0001_trick.sql'), '--database-url', server!.url, '--format', 'json']);
      expect(hostile.stderr).toBe('');
      const traces = JSON.parse(hostile.stdout).results.map((r: { trace: { status: string }[] }) => r.trace.map((t) => t.status));
      expect(traces).toEqual([['not-verifiable', 'ok'], ['not-verifiable', 'not-run']]);

      // 2. A sleep interrupted by SIGINT: cancelled, rolled back, closed, exit 130 with one line.
      const sleeping = await runCli(['verify', join(dir, '0002_sleep.sql'), '--database-url', server!.url], async (child) => {
        const running = await waitFor(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${APP}' AND query LIKE 'SELECT pg_sleep%' AND state = 'active'`))[0].n === 1, 30_000);
        expect(running).toBe(true);
        child.kill('SIGINT');
      });
      expect(sleeping.code).toBe(130);
      expect(sleeping.stderr).toBe('drizzle-migration-lint: verify interrupted by SIGINT: the running statement was cancelled, everything was rolled back and the connection closed\n');

      const gone = await waitFor(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${APP}'`))[0].n === 0, 5_000);
      expect(gone).toBe(true);
      expect(existsSync(pwned)).toBe(false);
      expect(dump()).toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
