import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { messages } from '../../src/rules/journal-duplicate-index.js';
import { folderFindings } from '../helpers/test-folder-rule.js';
import { journal, tempProject } from '../helpers/temp-project.js';

const DRIZZLE_KIT = resolve(import.meta.dirname, '../../node_modules/drizzle-kit/bin.cjs');
const ROOT = '00000000-0000-0000-0000-000000000000';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

/** A drizzle-kit 0.31 (version 7) snapshot of an empty schema: what `drizzle-kit check` validates. */
const snapshot = (id: string, prevId: string) =>
  JSON.stringify({ id, prevId, version: '7', dialect: 'postgresql', tables: {}, enums: {}, schemas: {}, sequences: {}, roles: {}, policies: {}, views: {}, _meta: { columns: {}, schemas: {}, tables: {} } }, null, 2) + '\n';

/** 0000_a ← 0001_b, and 0002_c generated from `parentOfC`; the journal lists `order`. */
function project(parentOfC: string, order = ['0000_a', '0001_b', '0002_c']): string {
  return tempProject({
    'drizzle/0000_a.sql': 'CREATE TABLE "a" ("id" integer);',
    'drizzle/0001_b.sql': 'CREATE TABLE "b" ("id" integer);',
    'drizzle/0002_c.sql': 'CREATE TABLE "c" ("id" integer);',
    'drizzle/meta/_journal.json': journal(order),
    'drizzle/meta/0000_snapshot.json': snapshot(A, ROOT),
    'drizzle/meta/0001_snapshot.json': snapshot(B, A),
    'drizzle/meta/0002_snapshot.json': snapshot(C, parentOfC),
  });
}

/** The real drizzle-kit 0.31.11 on the folder (check needs no config: dialect and out are flags). */
function drizzleKit(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [DRIZZLE_KIT, ...args, '--dialect', 'postgresql', '--out', 'drizzle'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const shape = (f: { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; message: string }) => ({
  file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, severity: f.severity, message: f.message,
});

describe('journal-duplicate-index: snapshots whose prevId collide', () => {
  it('accepts a linear history, which drizzle-kit check accepts too', async () => {
    const dir = project(B);
    expect(await folderFindings('journal-duplicate-index', { fixture: '' }, dir)).toEqual([]);
    expect(drizzleKit(dir, 'check')).toMatchObject({ status: 0 });
  }, 60_000);

  it('reports the later of two snapshots with one parent, as a warning on its migration; drizzle-kit check rejects the same folder', async () => {
    const dir = project(A);
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map(shape)).toEqual([
      {
        file: 'drizzle/0002_c.sql', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning',
        message: messages.snapshotFork({ file: '0002_c.sql', other: '0001_b.sql', snapshot: 'meta/0002_snapshot.json', otherSnapshot: 'meta/0001_snapshot.json', prevId: A }),
      },
    ]);
    // The claim, measured: check exits 1 naming the collision; generate prints it and writes nothing.
    const check = drizzleKit(dir, 'check');
    expect(check.status).toBe(1);
    expect(check.output).toContain('[drizzle/meta/0001_snapshot.json, drizzle/meta/0002_snapshot.json] are pointing to a parent snapshot');
    writeFileSync(join(dir, 'schema.ts'), 'export const nothing = 1;\n');
    const generate = drizzleKit(dir, 'generate', '--schema', 'schema.ts');
    expect(generate.output).toContain('which is a collision');
    expect(readdirSync(join(dir, 'drizzle')).sort()).toEqual(['0000_a.sql', '0001_b.sql', '0002_c.sql', 'meta']);
  }, 60_000);

  it('"later" is the journal order, not the file number', async () => {
    const dir = project(A, ['0000_a', '0002_c', '0001_b']);
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map((f) => ({ file: f.file, message: f.message }))).toEqual([
      { file: 'drizzle/0001_b.sql', message: messages.snapshotFork({ file: '0001_b.sql', other: '0002_c.sql', snapshot: 'meta/0001_snapshot.json', otherSnapshot: 'meta/0002_snapshot.json', prevId: A }) },
    ]);
  });

  it('reads a snapshot whose keys are in another order than drizzle-kit writes them (parsed whole)', async () => {
    const dir = project(B);
    writeFileSync(join(dir, 'drizzle/meta/0002_snapshot.json'), JSON.stringify({ version: '7', dialect: 'postgresql', tables: {}, prevId: A, id: C }));
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map((f) => f.message)).toEqual([messages.snapshotFork({ file: '0002_c.sql', other: '0001_b.sql', snapshot: 'meta/0002_snapshot.json', otherSnapshot: 'meta/0001_snapshot.json', prevId: A })]);
  });

  it('says nothing when the forked migration is not being linted', async () => {
    const dir = project(A);
    expect(await folderFindings('journal-duplicate-index', { fixture: '', paths: ['drizzle/0001_b.sql'] }, dir)).toEqual([]);
  });

  it('a snapshot that is not JSON (merge conflict markers) is one warning at the error, not a crash or an input error; drizzle-kit stops on it', async () => {
    const dir = project(B);
    writeFileSync(join(dir, 'drizzle/meta/0002_snapshot.json'), `<<<<<<< HEAD\n${snapshot(C, B)}=======\n${snapshot(C, A)}>>>>>>> other\n`);
    const run = await lintProject({ cwd: dir, rules: { 'journal-duplicate-index': 'error' } });
    expect(run.inputErrors).toEqual([]);
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map(shape)).toEqual([
      {
        file: 'drizzle/meta/0002_snapshot.json', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning',
        message: messages.snapshotUnreadable({ file: 'meta/0002_snapshot.json', problem: 'not valid JSON (unexpected character at line 1, column 1)' }),
      },
    ]);
    const check = drizzleKit(dir, 'check');
    expect(check.status).toBe(1);
    expect(check.output).toContain('is not valid JSON');
  }, 60_000);

  it.skipIf(process.platform === 'win32')('a FIFO in place of a snapshot is a warning, not a hang', async () => {
    const dir = project(B);
    const path = join(dir, 'drizzle/meta/0001_snapshot.json');
    rmSync(path);
    execFileSync('mkfifo', [path]);
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map((f) => ({ file: f.file, line: f.line, message: f.message }))).toEqual([
      { file: 'drizzle/meta/0001_snapshot.json', line: 1, message: messages.snapshotUnreadable({ file: 'meta/0001_snapshot.json', problem: 'unreadable: not a regular file (a FIFO)' }) },
    ]);
  });

  it('a snapshot cut short is placed at its end', async () => {
    const dir = project(B);
    writeFileSync(join(dir, 'drizzle/meta/0001_snapshot.json'), '{\n  "id": "x",\n  "prevId": ');
    const found = await folderFindings('journal-duplicate-index', { fixture: '' }, dir);
    expect(found.map((f) => ({ file: f.file, line: f.line, column: f.column, message: f.message }))).toEqual([
      { file: 'drizzle/meta/0001_snapshot.json', line: 3, column: 13, message: messages.snapshotUnreadable({ file: 'meta/0001_snapshot.json', problem: 'not valid JSON (unexpected character at line 3, column 13)' }) },
    ]);
  });
});
