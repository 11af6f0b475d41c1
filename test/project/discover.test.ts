import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { UsageError } from '../../src/errors.js';
import { FIXTURES } from '../helpers/test-folder-rule.js';
import { journal, tempProject, writeFiles } from '../helpers/temp-project.js';

const REPO = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(REPO, '../shared/corpus/drizzle-pg');

const files = (run: Awaited<ReturnType<typeof lintProject>>) => run.result.results.map((r) => r.filePath);
/** The batch-sensitive rule these tests watch: other rules' findings do not matter here. */
const rulesIn = (run: Awaited<ReturnType<typeof lintProject>>, file: string) =>
  run.result.results.find((r) => r.filePath === file)?.messages.map((m) => m.ruleId).filter((id) => id === 'adding-not-null-column') ?? [];

describe('finding the migrations of a Drizzle project', () => {
  it('0.x: drizzle.config.ts out, journal order, each file its own batch without a base', async () => {
    const run = await lintProject({ cwd: join(FIXTURES, 'drizzle-0x') });
    expect(files(run)).toEqual(['drizzle/0000_init.sql', 'drizzle/0001_add_age.sql']);
    expect(run.folders[0]).toMatchObject({ layout: 'journal', drizzle: { table: '__drizzle_migrations', schema: 'drizzle' } });
    expect(rulesIn(run, 'drizzle/0001_add_age.sql')).toEqual(['adding-not-null-column']);
  });

  it('1.0: out through a const, <timestamp>_<name>/migration.sql in name order, migrations table facts', async () => {
    const run = await lintProject({ cwd: join(FIXTURES, 'drizzle-1x') });
    expect(files(run)).toEqual(['db/migrations/20250101120000_init/migration.sql', 'db/migrations/20250102090000_add_age/migration.sql']);
    expect(run.folders[0]).toMatchObject({ layout: 'folders', layoutProblems: [], drizzle: { table: 'migrations', schema: 'public' } });
    expect(run.folders[0].files.map((f) => f.tag)).toEqual(['20250101120000_init', '20250102090000_add_age']);
  });

  it('monorepo: packages/db/drizzle.config.ts found from the root; a SQLite config beside it is skipped', async () => {
    const run = await lintProject({ cwd: join(FIXTURES, 'monorepo') });
    expect(files(run)).toEqual(['packages/db/migrations/0000_teams.sql', 'packages/db/migrations/0001_index.sql']);
    expect(run.folders[0].files.every((f) => f.breakpoints === true)).toBe(true);
  });

  it('a non-PostgreSQL dialect is a usage error naming the config', async () => {
    await expect(lintProject({ cwd: join(FIXTURES, 'config-mysql') })).rejects.toThrow(
      new UsageError('drizzle.config.ts: dialect "mysql" is not PostgreSQL; drizzle-migration-lint only checks PostgreSQL migrations'),
    );
  });

  it('--dir wins over drizzle.config; a plain folder is ordered by name', async () => {
    const run = await lintProject({ cwd: join(FIXTURES, 'plain'), config: { dir: 'sql' } });
    expect(run.folders[0].layout).toBe('plain');
    expect(run.folders[0].files.map((f) => f.tag)).toEqual(['001_first', '002_second']);
    const over = await lintProject({ cwd: join(FIXTURES, 'drizzle-0x'), config: { dir: '../plain/sql' } });
    expect(files(over)).toEqual(['../plain/sql/001_first.sql', '../plain/sql/002_second.sql']);
  });

  it('nothing to find is one clear line', async () => {
    const dir = tempProject({ 'README.md': '# no migrations here\n' });
    await expect(lintProject({ cwd: dir })).rejects.toThrow(/^no migrations found: no drizzle\.config\.ts .* and no \.\/drizzle folder/);
  });

  it('globs expand; a glob that matches nothing is a usage error; an existing path with glob characters is taken as it is', async () => {
    const dir = tempProject({
      'drizzle/0000_init.sql': 'CREATE TABLE "t" ("id" int, "x" int);',
      'drizzle/0001_drop.sql': 'ALTER TABLE "t" DROP COLUMN "x";',
      'db (old)/drizzle[v1]/0000_a.sql': 'CREATE TABLE "u" ("id" int);',
    });
    expect(files(await lintProject({ cwd: dir, paths: ['drizzle/0001_*.sql'] }))).toEqual(['drizzle/0001_drop.sql']);
    expect(files(await lintProject({ cwd: dir, paths: ['drizzle/*.sql'] }))).toEqual(['drizzle/0000_init.sql', 'drizzle/0001_drop.sql']);
    await expect(lintProject({ cwd: dir, paths: ['drizzle/9*.sql'] })).rejects.toThrow(new UsageError('drizzle/9*.sql: no file matches this pattern'));
    expect(files(await lintProject({ cwd: dir, paths: ['db (old)/drizzle[v1]'] }))).toEqual(['db (old)/drizzle[v1]/0000_a.sql']);
    expect(files(await lintProject({ cwd: dir, paths: ['db (old)/drizzle[v1]/0000_a.sql'] }))).toEqual(['db (old)/drizzle[v1]/0000_a.sql']);
  });

  it('a folder the user named that holds no migration is an input error; the default ./drizzle may be empty', async () => {
    const dir = tempProject({ 'src/index.ts': 'export {};\n', 'drizzle/.gitkeep': '' });
    for (const options of [{ paths: ['src'] }, { config: { dir: 'src' } }]) {
      const run = await lintProject({ cwd: dir, ...options });
      expect(run.inputErrors).toEqual(['src: no migration files (.sql) in this folder']);
      expect(run.result.summary.files).toBe(0);
    }
    const implicit = await lintProject({ cwd: dir });
    expect(implicit.inputErrors).toEqual([]);
    expect(implicit.result.summary.files).toBe(0);
    // A named folder whose pending batch is empty is not this: its migrations are history.
    const withHistory = tempProject({ 'drizzle/0000_init.sql': 'CREATE TABLE "t" ("id" int);', 'drizzle/meta/_journal.json': journal(['0000_init']) });
    const none = await lintProject({ cwd: withHistory, paths: ['drizzle'], config: { baseline: '0000_init' } });
    expect(none.inputErrors).toEqual([]);
  });

  it('a file list replays the whole folder but reports only the files given', async () => {
    const run = await lintProject({ cwd: join(FIXTURES, 'drizzle-0x'), paths: ['drizzle/0001_add_age.sql'] });
    expect(files(run)).toEqual(['drizzle/0001_add_age.sql']);
    // users comes from 0000, which was replayed: the column is added to an existing table.
    expect(rulesIn(run, 'drizzle/0001_add_age.sql')).toEqual(['adding-not-null-column']);
  });
});

describe('--baseline: everything up to the tag is applied, the rest is one pending batch', () => {
  const project = () =>
    tempProject({
      'drizzle.config.ts': `export default { dialect: 'postgresql', out: './drizzle' };`,
      'drizzle/0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY);',
      'drizzle/0001_teams.sql': 'CREATE TABLE "teams" ("id" serial PRIMARY KEY);',
      'drizzle/0002_team_name.sql': 'ALTER TABLE "teams" ADD COLUMN "name" text NOT NULL;',
      'drizzle/meta/_journal.json': journal(['0000_users', '0001_teams', '0002_team_name']),
    });

  it('objects created anywhere in the batch are new', async () => {
    const dir = project();
    const run = await lintProject({ cwd: dir, config: { baseline: '0000_users' } });
    expect(files(run)).toEqual(['drizzle/0001_teams.sql', 'drizzle/0002_team_name.sql']);
    expect(rulesIn(run, 'drizzle/0002_team_name.sql')).toEqual([]);
    expect(run.folders[0].files.map((f) => [f.tag, f.status])).toEqual([
      ['0000_users', 'applied'],
      ['0001_teams', 'pending'],
      ['0002_team_name', 'pending'],
    ]);
  });

  it('without a base each file is its own batch; with runner per-file the batch is the file', async () => {
    const dir = project();
    expect(rulesIn(await lintProject({ cwd: dir }), 'drizzle/0002_team_name.sql')).toEqual(['adding-not-null-column']);
    const perFile = await lintProject({ cwd: dir, config: { baseline: '0000_users', runner: 'per-file' } });
    expect(rulesIn(perFile, 'drizzle/0002_team_name.sql')).toEqual(['adding-not-null-column']);
  });

  it('1.0 folders: the tag is the folder name', async () => {
    const run = await lintProject({ cwd: join(FIXTURES, 'drizzle-1x'), config: { baseline: '20250101120000_init' } });
    expect(files(run)).toEqual(['db/migrations/20250102090000_add_age/migration.sql']);
  });

  it('a file the journal does not list is no member of the batch, and gets no "this fails" verdict (drizzle never runs it)', async () => {
    const dir = tempProject({
      'drizzle.config.ts': `export default { dialect: 'postgresql', out: './drizzle' };`,
      'drizzle/0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY);',
      'drizzle/0001_teams.sql': 'CREATE TABLE "teams" ("id" serial PRIMARY KEY);',
      // Left over from a merge: not in the journal. Alone, its NOT NULL column on teams (created by
      // 0001 in another batch) would fail, and CONCURRENTLY would fail in the batch transaction.
      'drizzle/0001_teams_old.sql': 'ALTER TABLE "teams" ADD COLUMN "name" text NOT NULL;\n--> statement-breakpoint\nCREATE INDEX CONCURRENTLY "teams_name" ON "teams" ("name");',
      'drizzle/0002_team_name.sql': 'ALTER TABLE "teams" ADD COLUMN "slug" text;',
      'drizzle/meta/_journal.json': journal(['0000_users', '0001_teams', '0002_team_name']),
    });
    const run = await lintProject({ cwd: dir, config: { baseline: '0000_users' } });
    const batchOf = (tag: string) => run.folders[0].files.find((f) => f.tag === tag)!.batch;
    expect(batchOf('0001_teams')).toBe(batchOf('0002_team_name'));
    expect(batchOf('0001_teams_old')).not.toBe(batchOf('0001_teams'));
    const old = run.result.results.find((r) => r.filePath === 'drizzle/0001_teams_old.sql')!.messages.map((m) => m.ruleId);
    expect(old).toContain('journal-file-mismatch');
    expect(old).not.toContain('adding-not-null-column');
    expect(old).not.toContain('concurrently-in-transaction');
    // Journalled, the same file is in the batch and CONCURRENTLY fails in its transaction.
    writeFiles(dir, { 'drizzle/meta/_journal.json': journal(['0000_users', '0001_teams', '0001_teams_old', '0002_team_name']) });
    const journalled = await lintProject({ cwd: dir, config: { baseline: '0000_users' } });
    expect(journalled.result.results.find((r) => r.filePath === 'drizzle/0001_teams_old.sql')!.messages.map((m) => m.ruleId)).toContain('concurrently-in-transaction');
  });

  it('an unknown tag is a usage error', async () => {
    await expect(lintProject({ cwd: project(), config: { baseline: '0009_nope' } })).rejects.toThrow(/^--baseline 0009_nope: no migration with this tag in /);
  });
});

describe('real projects from the corpus, copied into a fresh project with a drizzle.config.ts', () => {
  const cases = [
    { folder: 'usekaneo__kaneo/apps/api/drizzle', out: './apps/api/drizzle', outOfOrder: 3 },
    { folder: 'kanbn__kan/packages/db/migrations', out: './db/migrations', outOfOrder: 2 },
    { folder: 'latitude-dev__latitude-llm/packages/platform/db-postgres/drizzle', out: './drizzle', outOfOrder: 0 },
    { folder: 'miurla__morphic/drizzle', out: './drizzle', outOfOrder: 0 },
  ];
  for (const c of cases) {
    it.skipIf(!existsSync(join(CORPUS, c.folder)))(`${c.folder}: no arguments finds and lints the whole folder`, async () => {
      const dir = tempProject({ 'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: '${c.out}' });\n` });
      cpSync(join(CORPUS, c.folder), join(dir, c.out), { recursive: true });
      const run = await lintProject({ cwd: dir });
      const sql = countSql(join(dir, c.out));
      expect(run.result.results.filter((r) => r.filePath.endsWith('.sql'))).toHaveLength(sql);
      const outOfOrder = run.result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'journal-out-of-order');
      expect(outOfOrder).toHaveLength(c.outOfOrder);
    });
  }

  it.skipIf(!existsSync(join(REPO, 'dist/cli.cjs')) || !existsSync(join(CORPUS, 'usekaneo__kaneo')))('the CLI with no arguments, from the project root', () => {
    const dir = tempProject({ 'drizzle.config.ts': `export default { dialect: 'postgresql', out: './migrations' };\n` });
    cpSync(join(CORPUS, 'usekaneo__kaneo/apps/api/drizzle'), join(dir, 'migrations'), { recursive: true });
    const out = spawnSync(process.execPath, [join(REPO, 'dist/cli.cjs'), '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(out.status).toBe(1);
    const result = JSON.parse(out.stdout) as { results: Array<{ filePath: string }> };
    expect(result.results.some((r) => r.filePath === 'migrations/meta/_journal.json')).toBe(true);
    expect(result.results.filter((r) => r.filePath.endsWith('.sql'))).toHaveLength(countSql(join(dir, 'migrations')));
  });
});

function countSql(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.sql')).length;
}

describe('config file keys', () => {
  it('`dir` in .migrationlintrc is relative to that file; `baseline` there sets the batch', async () => {
    const dir = tempProject({
      '.migrationlintrc.json': JSON.stringify({ dir: 'db/sql', baseline: '0000_a' }),
      'db/sql/0000_a.sql': 'CREATE TABLE "a" ("id" int);',
      'db/sql/0001_b.sql': 'CREATE TABLE "b" ("id" int);',
      'db/sql/meta/_journal.json': journal(['0000_a', '0001_b']),
      'app/.keep': '',
    });
    const run = await lintProject({ cwd: join(dir, 'app'), configFile: '../.migrationlintrc.json' });
    expect(files(run)).toEqual(['../db/sql/0001_b.sql']);
  });
});
