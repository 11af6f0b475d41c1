import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { messages } from '../../src/rules/applied-migration-modified.js';
import { committedDrizzleRepo, writeFiles } from '../helpers/temp-project.js';

/**
 * --since compares the migrations as the run reads them (app/migration-reader.ts, the one reader of
 * migration text), not the files on disk behind its back: an editor buffer linted with --since is
 * what is compared with the ref.
 */
const repo = () =>
  committedDrizzleRepo({
    '0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n',
    '0001_age.sql': 'ALTER TABLE "users" ADD COLUMN "age" integer;\n',
  });

const modified = async (dir: string, text: string) =>
  (await lintProject({ cwd: dir, text: { path: 'drizzle/0001_age.sql', text }, config: { since: 'HEAD' } })).result.results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === 'applied-migration-modified').map((m) => ({ file: r.filePath, message: m.message, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn })),
  );

describe('--since with an editor buffer', () => {
  it('an applied migration edited in the buffer (the file on disk as committed) is reported at the first changed line', async () => {
    const dir = repo();
    expect(await modified(dir, 'ALTER TABLE "users" ADD COLUMN "age" integer;\n-- edited in the editor\n')).toEqual([
      { file: 'drizzle/0001_age.sql', message: messages.edited({ file: '0001_age.sql', ref: 'HEAD', line: 2 }), line: 2, column: 1, endLine: 2, endColumn: 1 },
    ]);
  });

  it('a buffer that holds what was committed is not modified, whatever the file on disk holds now', async () => {
    const dir = repo();
    writeFiles(dir, { 'drizzle/0001_age.sql': 'SELECT 1;\n' });
    expect(await modified(dir, 'ALTER TABLE "users" ADD COLUMN "age" integer;\n')).toEqual([]);
  });
});
