import { describe, expect, it } from 'vitest';
import { folderFindings } from '../helpers/test-folder-rule.js';
import { committedDrizzleRepo, writeFiles } from '../helpers/temp-project.js';

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
});
