import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('drizzle-migration-lint verify (CLI)', () => {
  it('prints the per-statement lock table of the example and its failing statement, with no database installed', async () => {
    const { code, out, err } = await run(['verify', 'examples/saas/drizzle', '--no-color', '--verbose']);
    expect(code).toBe(1);
    // The lock table: CREATE INDEX takes SHARE and scans; int → bigint rewrites; varchar widening does not.
    expect(out).toMatch(/0002_invoice_status_index\.sql\n.*CREATE INDEX "invoices_org_status_idx"[^\n]*\n\s+relation\s+lock\s+blocks\s+rewrite\s+scan\s+time\n\s+invoices\s+SHARE\s+writes\s+no\s+yes\s+[\d.]+ ms/);
    expect(out).toMatch(/SET DATA TYPE varchar\(255\)\n.*\n\s+organizations\s+ACCESS EXCLUSIVE\s+reads \+ writes\s+no\s+no/);
    expect(out).toMatch(/SET DATA TYPE bigint\n.*\n\s+invoices\s+ACCESS EXCLUSIVE\s+reads \+ writes\s+yes\s+yes/);
    expect(out).toMatch(/plan \(type\)\s+EXCLUSIVE/);
    // The failing statement, in the trace and as a finding.
    expect(out).toMatch(/0001_add_user_timezone\.sql\n\s+1:1\s+ALTER TABLE "users" ADD COLUMN "timezone" text NOT NULL\n\s+✖ ERROR 23502: column "timezone" of relation "users" contains null values/);
    expect(out).toMatch(/0001_add_user_timezone\.sql:1:1 {2}error {2}Fails on PGlite \(PostgreSQL 18\.\d+, embedded in WASM\) with verify's sample row in each existing table: ERROR 23502: .*migration-fails/);
    expect(out).toMatch(/✔ verified on a real Postgres/);
    expect(err).toMatch(/verify: PGlite \(PostgreSQL 18\.\d+, embedded in WASM\) ready in \d+ ms/);
    expect(err).toMatch(/rss \d+ MB/);
  }, 120_000);

  it('prints the trace in the JSON result, leaving lint output as it was', async () => {
    const verify = JSON.parse((await run(['verify', 'examples/saas/drizzle/0003_widen_columns.sql', '--format', 'json'])).out);
    const file = verify.results.find((r: { filePath: string }) => r.filePath.endsWith('0003_widen_columns.sql'));
    expect(file.trace.map((t: { status: string }) => t.status)).toEqual(['ok', 'ok']);
    expect(file.trace[1].observed.rewritten).toContain('invoices');
    expect(verify.verify.engine).toMatch(/^PGlite/);
    const lint = JSON.parse((await run(['lint', 'examples/saas/drizzle/0003_widen_columns.sql', '--format', 'json'])).out);
    expect(lint.verify).toBeUndefined();
    expect(lint.results[0].trace).toBeUndefined();
    expect(lint.results[0].messages.every((m: object) => !('verified' in m) && !('observed' in m))).toBe(true);
  }, 120_000);

  it('rejects a URL that is not postgres:// with exit code 2', async () => {
    const { code, err } = await run(['verify', 'examples/saas/drizzle', '--database-url', 'mysql://x@y/z']);
    expect(code).toBe(2);
    // The URL itself is never printed (it may hold a password).
    expect(err).toBe('drizzle-migration-lint: --database-url: the scheme is mysql; expected postgres://user:password@host:port/database\n');
  });

  it('a server that does not answer is a clean error with exit code 2', async () => {
    const { code, err } = await run(['verify', 'examples/saas/drizzle', '--database-url', 'postgres://me:secret@127.0.0.1:1/db']);
    expect(code).toBe(2);
    expect(err).toMatch(/^drizzle-migration-lint: cannot connect to postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/db: /);
    expect(err).not.toMatch(/secret/);
  });
});
