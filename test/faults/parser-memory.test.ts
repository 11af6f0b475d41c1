// The parser running out of memory (WASM) and the JavaScript heap running out while reading its tree:
// one line naming the file, exit 2, and nothing on stdout (the WASM runtime used to print
// "Terminating process due to FATAL error" into a --format json report; V8 ended the process with a
// stack dump).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli-process.js';

const root = mkdtempSync(join(tmpdir(), 'dml-parser-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, sql: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'drizzle'), { recursive: true });
  writeFileSync(join(dir, 'drizzle', '0000_init.sql'), 'CREATE TABLE "a" ("id" integer);\n');
  writeFileSync(join(dir, 'drizzle', '0001_huge.sql'), sql);
  return dir;
}

function run(cwd: string, nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, 'drizzle', '--format', 'json'], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parser and heap exhaustion', () => {
  // 8 MB, under the 50 MB file limit: its parse tree outgrows the parser's WASM memory (~20 s, ~0.9 GB).
  it('the WASM parser running out of memory', { timeout: 200_000 }, () => {
    const dir = project('wasm', `SELECT ${'a+1,'.repeat(2_000_000)}1;\n`);
    const r = run(dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('drizzle-migration-lint: drizzle/0001_huge.sql: the SQL parser ran out of memory on this file (too large or too deeply nested to parse)\n');
    expect(r.status).toBe(2);
  });

  it('a parse tree larger than the JavaScript heap can hold', { timeout: 200_000 }, () => {
    const dir = project('heap', `INSERT INTO "a" VALUES ${Array(60_000).fill("(1,2,3,'abcdef')").join(',')};\n`);
    const r = run(dir, ['--max-old-space-size=48']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'drizzle-migration-lint: drizzle/0001_huge.sql: the SQL parser ran out of memory on this file (too large to parse within the JavaScript heap limit)\n',
    );
    expect(r.status).toBe(2);
    // With room for it, the same file lints.
    expect(run(dir, ['--max-old-space-size=128']).status).toBe(0);
  });
});
