import { describe, expect, it } from 'vitest';
import { copyExample, runMain } from '../helpers/run-main.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENV = { GITHUB_ACTIONS: undefined, NO_COLOR: '1' };

describe('--stdin --stdin-filename', () => {
  it('lints the text as a new migration after the folder it names', async () => {
    const cwd = copyExample();
    // Journalled, as drizzle-kit generate leaves it: a file drizzle never runs gets no 'this fails' verdict.
    const journalPath = join(cwd, 'drizzle/meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries.push({ idx: 5, version: '7', when: 1763107200000, tag: '0005_nickname', breakpoints: true });
    writeFileSync(journalPath, JSON.stringify(journal, null, 2));
    const text = 'ALTER TABLE "users" ADD COLUMN "nickname" text NOT NULL;\n';
    const run = await runMain(['--stdin', '--stdin-filename', 'drizzle/0005_nickname.sql', '--format', 'json'], { cwd, env: ENV, stdin: text });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.results.map((r: { filePath: string }) => r.filePath)).toEqual(['drizzle/0005_nickname.sql']);
    // "users" exists only because the rest of the folder was replayed as history.
    expect(result.results[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'adding-not-null-column')).toMatchObject([{ line: 1, column: 32 }]);
  });

  it('takes the drizzle.config facts (breakpoints) of the folder', async () => {
    const cwd = copyExample();
    const run = await runMain(['--stdin', '--stdin-filename', 'drizzle/0005_x.sql', '--verbose', '--format', 'json'], { cwd, env: ENV, stdin: 'SELECT 1;\n' });
    expect(run.stderr).toContain('[verbose] folder: drizzle (out of drizzle.config.ts)');
  });

  it('uses the buffer instead of the file on disk', async () => {
    const cwd = copyExample();
    const fixed = 'ALTER TABLE "users" ADD COLUMN "timezone" text DEFAULT \'UTC\' NOT NULL;\n';
    const run = await runMain(['--stdin', '--stdin-filename', 'drizzle/0001_add_user_timezone.sql', '--format', 'json'], { cwd, env: ENV, stdin: fixed });
    const [file] = JSON.parse(run.stdout).results;
    expect(file.filePath).toBe('drizzle/0001_add_user_timezone.sql');
    expect(file.messages.map((m: { ruleId: string }) => m.ruleId)).not.toContain('adding-not-null-column');
    const fromDisk = await runMain(['drizzle/0001_add_user_timezone.sql', '--format', 'json'], { cwd, env: ENV });
    expect(JSON.parse(fromDisk.stdout).results[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('adding-not-null-column');
  });

  it('works for a file whose folder does not exist (no history)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dml-stdin-'));
    const text = 'CREATE TABLE "t" ("id" int);\n--> statement-breakpoint\nCREATE INDEX "t_id" ON "t" ("id");\n';
    const run = await runMain(['--stdin', '--stdin-filename', 'drizzle/0000_x.sql', '--format', 'json'], { cwd, env: ENV, stdin: text });
    expect(JSON.parse(run.stdout).results[0]).toEqual({ filePath: 'drizzle/0000_x.sql', messages: [] });
  });

  it('places a drizzle-kit 1.0 folder migration after the existing ones', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dml-stdin-v1-'));
    mkdirSync(join(cwd, 'drizzle/20250101120000_init'), { recursive: true });
    writeFileSync(join(cwd, 'drizzle/20250101120000_init/migration.sql'), 'CREATE TABLE "users" ("id" int);\n');
    const text = 'ALTER TABLE "users" ADD COLUMN "nickname" text NOT NULL;\n';
    const run = await runMain(['--stdin', '--stdin-filename', 'drizzle/20250202120000_nick/migration.sql', '--format', 'json'], { cwd, env: ENV, stdin: text });
    const [file] = JSON.parse(run.stdout).results;
    expect(file.filePath).toBe('drizzle/20250202120000_nick/migration.sql');
    expect(file.messages.map((m: { ruleId: string }) => m.ruleId)).toContain('adding-not-null-column');
  });

  it('shows the code frame from the buffer', async () => {
    const cwd = copyExample();
    const text = '-- editing\nALTER TABLE "users" ADD COLUMN "nickname" text NOT NULL;\n';
    const run = await runMain(['--stdin', '--stdin-filename', 'drizzle/0005_nickname.sql'], { cwd, env: ENV, stdin: text });
    expect(run.stdout).toContain('  2 | ALTER TABLE "users" ADD COLUMN "nickname" text NOT NULL;');
  });

  it('refuses incomplete or contradictory flags', async () => {
    const cwd = copyExample();
    const cases: [string[], RegExp][] = [
      [['--stdin'], /--stdin needs --stdin-filename/],
      [['--stdin-filename', 'drizzle/0005.sql'], /--stdin-filename needs --stdin/],
      [['drizzle', '--stdin', '--stdin-filename', 'drizzle/0005.sql'], /give no paths/],
      [['--stdin', '--stdin-filename', 'drizzle/notes.txt'], /must name a \.sql migration file/],
    ];
    for (const [argv, message] of cases) {
      const run = await runMain(argv, { cwd, env: ENV, stdin: '' });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
