import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`node dist/cli.cjs`) as a user would: pipes, no TTY, no colour variables, not inside GitHub Actions (which switches the default format). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'GITHUB_ACTIONS'].includes(k)) env[k] = v;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: { ...env, ...options.env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr and no stack trace. */
export function usageErrorLine(r: CliRun): string {
  if (r.code !== 2) throw new Error(`expected exit 2, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  if (r.stdout !== '') throw new Error(`expected no stdout, got ${r.stdout}`);
  const lines = r.stderr.split('\n');
  if (lines.length !== 2 || lines[1] !== '') throw new Error(`expected one line on stderr, got:\n${r.stderr}`);
  if (/\n\s+at /.test(r.stderr) || r.stderr.includes('internal error')) throw new Error(`stack trace or internal error:\n${r.stderr}`);
  return lines[0];
}
