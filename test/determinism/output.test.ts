// The same inputs give byte-identical machine-readable output across runs and across the order of
// the path arguments.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/cli/lint-command.js';
import { CORPUS, REPO, expectWellBehaved, runCli } from '../helpers/cli-process.js';

// Every format the CLI offers is checked (text, json, sarif, …), so a reporter added later is covered
// as soon as it is listed in FORMATS.
// @section determinism-formats: if a format ever carries something run-dependent (a timestamp, an
// absolute path), normalise it here before comparing, and say why. SARIF needs nothing today.
const FORMATS_UNDER_TEST: readonly string[] = FORMATS;

/** Several corpus projects (different layouts and drizzle-kit versions) as path arguments. */
function projects(): string[] {
  const names = readdirSync(CORPUS).sort();
  return names.filter((_, i) => i % 10 === 3).map((n) => relative(REPO, join(CORPUS, n)));
}

/** A fixed shuffle of a list (deterministic, so a failure reproduces). */
function permute<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe.skipIf(!existsSync(CORPUS))('determinism', () => {
  const paths = existsSync(CORPUS) ? projects() : [];

  for (const format of FORMATS_UNDER_TEST) {
    it(`--format ${format}: identical across runs and argument orders`, () => {
      const outputs = [paths, paths, [...paths].reverse(), permute(paths, 7)].map((p) => {
        const run = runCli(['--format', format, '--preset', 'all', ...p], { timeoutMs: 120_000 });
        expectWellBehaved(run);
        expect(run.status).not.toBe(2);
        return run.stdout;
      });
      expect(outputs[0].length).toBeGreaterThan(1000);
      for (const o of outputs.slice(1)) expect(o === outputs[0]).toBe(true);
    });
  }

  it('--format json: single files in any order give the same output', () => {
    const dir = paths[0];
    const files = readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.sql'))
      .map((f) => join(dir, f))
      .sort()
      .slice(0, 20);
    const a = runCli(['--format', 'json', ...files]);
    const b = runCli(['--format', 'json', ...permute(files, 3)]);
    expectWellBehaved(a);
    expect(JSON.parse(a.stdout).summary.files).toBe(files.length);
    expect(b.stdout === a.stdout).toBe(true);
  });
});
