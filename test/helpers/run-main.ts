import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/program.js';

export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's main() in-process in `cwd` (fast; stdin injectable), with extra environment variables. */
export async function runMain(argv: string[], options: { cwd: string; env?: Record<string, string | undefined>; stdin?: string }): Promise<MainRun> {
  const before = process.cwd();
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(options.env ?? {})) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let stdout = '';
  let stderr = '';
  process.chdir(options.cwd);
  try {
    const code = await main(argv, {
      out: (s) => (stdout += s),
      err: (s) => (stderr += s),
      ...(options.stdin !== undefined ? { stdin: async () => options.stdin! } : {}),
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A scratch copy of the example project (drizzle/ with its journal), so tests may write into it. */
export function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dml-example-'));
  cpSync(fileURLToPath(new URL('../../examples/saas', import.meta.url)), dir, { recursive: true });
  return dir;
}
