import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { FIXTURES } from '../helpers/test-folder-rule.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('lint flags for the project', () => {
  it('--dir names the migrations folder', async () => {
    const r = await run('--dir', join(FIXTURES, 'journal-in-order/drizzle'), '--format', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { results: unknown[] }).results).toHaveLength(2);
  });

  it('--baseline picks the pending batch', async () => {
    const r = await run('--dir', join(FIXTURES, 'drizzle-0x/drizzle'), '--baseline', '0001_add_age', '--format', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { results: unknown[] }).results).toEqual([]);
  });

  it('--since and --baseline together, and an unknown baseline, are usage errors (exit 2, one line)', async () => {
    expect(await run('--since', 'HEAD', '--baseline', 'x')).toEqual({ code: 2, out: '', err: 'drizzle-migration-lint: --since and --baseline both say what is pending; use one\n' });
    const r = await run('--dir', join(FIXTURES, 'drizzle-0x/drizzle'), '--baseline', '9999_x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^drizzle-migration-lint: --baseline 9999_x: no migration with this tag in .*\n$/);
  });
});
