import { describe, expect, it } from 'vitest';
import { v8Flags } from '../../src/cli/v8-flags.js';

describe('V8 flags by V8 version', () => {
  it('sets a tiering flag only on the V8 versions it exists in and was measured on', () => {
    const wasm = '--liftoff-only --no-wasm-dynamic-tiering --no-wasm-tier-up';
    expect(v8Flags('11.3.244.8-node.38')).toBe(`${wasm} --interrupt-budget=300000`); // Node 20
    expect(v8Flags('12.4.254.21-node.33')).toBe(`${wasm} --invocation-count-for-turbofan=12000`); // Node 22
    expect(v8Flags('13.6.233.17-node.40')).toBe(wasm); // Node 24: no JS tiering gain measured
    expect(v8Flags('14.1.0.0')).toBe(wasm); // unknown: no JS tiering flag that could be unrecognised
    expect(v8Flags('11.8.172.17-node.20')).toBe(wasm); // Node 21: not measured
  });

  it('the running Node knows every flag it gets: the CLI prints nothing on stderr for a clean run', async () => {
    const { runCli } = await import('../helpers/cli-process.js');
    const run = runCli(['--format', 'json', 'test/fixtures/cli-clean/drizzle']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
