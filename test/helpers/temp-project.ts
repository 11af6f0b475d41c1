import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A throw-away project folder with the given files (path → text); removed after the test file. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dml-project-'));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Runs git in `dir` with a fixed identity, so that commits work on any machine. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A drizzle-kit 0.x `meta/_journal.json` for the given tags, one minute apart. */
export function journal(tags: string[], start = 1_700_000_000_000): string {
  const entries = tags.map((tag, idx) => ({ idx, version: '7', when: start + idx * 60_000, tag, breakpoints: true }));
  return JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2) + '\n';
}

/** A git repository holding a 0.x Drizzle project with the given migrations, all committed. */
export function committedDrizzleRepo(migrations: Record<string, string>): string {
  const tags = Object.keys(migrations).map((name) => name.replace(/\.sql$/, ''));
  const dir = tempProject({
    'drizzle.config.ts': `export default { dialect: 'postgresql', out: './drizzle' };`,
    ...Object.fromEntries(Object.entries(migrations).map(([name, text]) => [`drizzle/${name}`, text])),
    'drizzle/meta/_journal.json': journal(tags),
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first');
  return dir;
}
