import { describe, expect, it } from 'vitest';
import { folderFindings } from '../helpers/test-folder-rule.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { lintProject } from '../../src/app/lint-project.js';
import { committedDrizzleRepo, git, journal, tempProject, writeFiles } from '../helpers/temp-project.js';

const RULE = 'applied-migration-modified';

const repo = () =>
  committedDrizzleRepo({
    '0000_users.sql': 'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY\n);\n',
    '0001_age.sql': 'ALTER TABLE "users" ADD COLUMN "age" integer;\n',
  });

const at = (dir: string, c: Parameters<typeof folderFindings>[1]) =>
  folderFindings(RULE, c, dir).then((ms) => ms.map((m) => ({ file: m.file, line: m.line, column: m.column, message: m.message })));

describe(RULE, () => {
  it('accept: new migrations, untouched applied ones, line-ending-only changes, no --since', async () => {
    const dir = repo();
    writeFiles(dir, { 'drizzle/0002_new.sql': 'SELECT 1;\n', 'drizzle/0001_age.sql': 'ALTER TABLE "users" ADD COLUMN "age" integer;\r\n' });
    expect(await at(dir, { fixture: '', config: { since: 'HEAD' } })).toEqual([]);
    writeFiles(dir, { 'drizzle/0000_users.sql': 'CREATE TABLE "users" (\n\t"id" bigserial PRIMARY KEY\n);\n' });
    expect(await at(dir, { fixture: '' })).toEqual([]);
  });

  it('reject: an applied migration edited after the ref, at the first changed line', async () => {
    const dir = repo();
    writeFiles(dir, { 'drizzle/0000_users.sql': 'CREATE TABLE "users" (\n\t"id" bigserial PRIMARY KEY\n);\n' });
    expect(await at(dir, { fixture: '', config: { since: 'HEAD' } })).toEqual([
      {
        file: 'drizzle/0000_users.sql',
        line: 2,
        column: 1,
        message:
          '0000_users.sql already existed at HEAD and was edited since (first change on line 2). Databases that applied it never run it again, so the edit only reaches fresh databases and the environments drift apart.',
      },
    ]);
  });

  it('reject: with a file list, only the files given', async () => {
    const dir = repo();
    writeFiles(dir, { 'drizzle/0000_users.sql': '-- edited\nCREATE TABLE "users" ("id" serial PRIMARY KEY);\n', 'drizzle/0001_age.sql': 'SELECT 2;\n' });
    const got = await at(dir, { fixture: '', paths: ['drizzle/0001_age.sql'], config: { since: 'HEAD' } });
    expect(got.map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual(['drizzle/0001_age.sql:1:1']);
  });

  it('reject: an applied migration deleted since the ref, on line 1 of its path, with the journal entry gone too', async () => {
    const dir = repo();
    rmSync(join(dir, 'drizzle/0001_age.sql'));
    writeFiles(dir, { 'drizzle/meta/_journal.json': journal(['0000_users']) });
    expect(await at(dir, { fixture: '', config: { since: 'HEAD' } })).toEqual([
      {
        file: 'drizzle/0001_age.sql',
        line: 1,
        column: 1,
        message:
          "0001_age.sql existed at HEAD and was deleted since. Databases that applied it keep its changes; fresh databases (a new environment, CI, a teammate's machine) never get them, so the environments drift apart.",
      },
    ]);
    // Without --since nothing says what was applied.
    expect(await at(dir, { fixture: '' })).toEqual([]);
  });

  it('accept: a migration renamed with the same content, or a pending one deleted again', async () => {
    const dir = repo();
    writeFiles(dir, { 'drizzle/0002_new.sql': 'SELECT 1;\n' });
    git(dir, 'add', 'drizzle/0002_new.sql');
    rmSync(join(dir, 'drizzle/0002_new.sql'));
    git(dir, 'mv', 'drizzle/0001_age.sql', 'drizzle/0001_user_age.sql');
    writeFiles(dir, { 'drizzle/meta/_journal.json': journal(['0000_users', '0001_user_age']) });
    expect(await at(dir, { fixture: '', config: { since: 'HEAD' } })).toEqual([]);
  });

  it('reject: drizzle-kit 1.0 folders, a deleted <tag>/migration.sql', async () => {
    const dir = tempProject({
      'drizzle.config.ts': `export default { dialect: 'postgresql', out: './drizzle' };`,
      'drizzle/20250101000000_users/migration.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n',
      'drizzle/20250102000000_age/migration.sql': 'ALTER TABLE "users" ADD COLUMN "age" integer;\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'first');
    rmSync(join(dir, 'drizzle/20250102000000_age'), { recursive: true });
    const got = await at(dir, { fixture: '', config: { since: 'HEAD' } });
    expect(got.map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual(['drizzle/20250102000000_age/migration.sql:1:1']);
    expect(got[0].message).toMatch(/^20250102000000_age\/migration\.sql existed at HEAD and was deleted since\./);
  });

  it('reject: with a file list, a deletion in the folder of a given pending file', async () => {
    const dir = repo();
    rmSync(join(dir, 'drizzle/0000_users.sql'));
    writeFiles(dir, { 'drizzle/0002_new.sql': 'SELECT 1;\n' });
    const got = await at(dir, { fixture: '', paths: ['drizzle/0002_new.sql'], config: { since: 'HEAD' } });
    expect(got.map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual(['drizzle/0000_users.sql:1:1']);
  });

  it('a pull request that only deletes a migration: the journal entry it left behind is reported too', async () => {
    const dir = repo();
    rmSync(join(dir, 'drizzle/0001_age.sql'));
    const { result } = await lintProject({ cwd: dir, config: { since: 'HEAD' } });
    const found = result.results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`));
    expect(found).toEqual(['drizzle/0001_age.sql:1:1 applied-migration-modified', 'drizzle/meta/_journal.json:16:14 journal-file-mismatch']);
  });
});
