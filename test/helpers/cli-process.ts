/** Runs the built CLI (dist/cli.cjs) in a child process, the way users and CI run it. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = resolve(REPO, 'dist/cli.cjs');
/** The shared corpus, read in place (never copied into the repo). */
export const CORPUS = resolve(REPO, '../shared/corpus/drizzle-pg');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` (npm test does)');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', DEBUG: '', ...options.env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame line as Node prints them: "    at fn (file:line:col)". */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** Exit 0, 1 or 2, nothing that looks like a crash, and every stderr line a complete message. */
export function expectWellBehaved(run: CliRun): void {
  expect([0, 1, 2], `exit status ${run.status}; stderr: ${run.stderr.slice(0, 500)}`).toContain(run.status);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toMatch(/internal error|RangeError|TypeError|RuntimeError|FATAL ERROR|Aborted/);
  for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^drizzle-migration-lint: /);
}

interface JsonMessage {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonOutput {
  results: { filePath: string; messages: JsonMessage[] }[];
  summary: { files: number; statements: number; errors: number; warnings: number };
}

/** Parses `--format json` output and checks that every diagnostic has a file and a position. */
export function parseJsonOutput(stdout: string): JsonOutput {
  const out = JSON.parse(stdout) as JsonOutput;
  for (const file of out.results) {
    expect(file.filePath).toMatch(/\S/);
    for (const m of file.messages) {
      expect(Number.isInteger(m.line) && m.line >= 1, `${file.filePath}: line ${m.line}`).toBe(true);
      expect(Number.isInteger(m.column) && m.column >= 1, `${file.filePath}: column ${m.column}`).toBe(true);
      expect(m.endLine >= m.line, `${file.filePath}: endLine ${m.endLine} < line ${m.line}`).toBe(true);
    }
  }
  return out;
}
