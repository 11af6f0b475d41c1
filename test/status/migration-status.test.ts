// migrationStatus's decisions on drizzle-kit 1.0 folders (rows matched by name when the table has
// a `name` column, else by the folder's timestamp) and drizzle's NULL created_at quirk.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { folderMillis, migrationHash, migrationStatus, type AppliedRow } from '../../src/status/migration-status.js';
import { REPO } from '../helpers/cli-process.js';
import { journalProject } from './fixture.js';

const root = join(REPO, 'test/fixtures/drizzle-1x');
const folder = findProject({ paths: [], cwd: root, runner: 'drizzle' }).folders[0];
const [init, addAge] = folder.files;
const table = (rows: AppliedRow[]) => ({ table: '"public"."migrations"', exists: true, rows });
const states = (rows: AppliedRow[]) => migrationStatus(folder, table(rows)).map((e) => [e.tag, e.state]);

describe('drizzle-kit 1.0 folders', () => {
  it('reads the folder layout and drizzle.config\'s table', () => {
    expect(folder.layout).toBe('folders');
    expect(folder.drizzle).toMatchObject({ table: 'migrations', schema: 'public' });
    expect(folderMillis('20250102090000_add_age')).toBe(Date.UTC(2025, 0, 2, 9, 0, 0));
  });

  it('by name: a later folder is pending, never skipped; another hash under the name is an edit', () => {
    const hash = migrationHash(init.path);
    expect(states([{ id: 1, hash, createdAt: folderMillis(addAge.tag)! + 1, name: init.tag }])).toEqual([
      ['20250101120000_init', 'applied'],
      ['20250102090000_add_age', 'pending'],
    ]);
    expect(states([{ id: 1, hash: 'f'.repeat(64), createdAt: 0, name: init.tag }, { id: 2, hash: migrationHash(addAge.path), createdAt: 0, name: addAge.tag }])).toEqual([
      ['20250101120000_init', 'edited'],
      ['20250102090000_add_age', 'applied'],
    ]);
    expect(states([{ id: 7, hash: 'a'.repeat(64), createdAt: 0, name: '20241231000000_gone' }])).toEqual([
      ['20250101120000_init', 'pending'],
      ['20250102090000_add_age', 'pending'],
      ['20241231000000_gone', 'applied-missing'],
    ]);
  });

  it('without a name column: the folder timestamp plays the journal\'s `when`', () => {
    expect(states([{ id: 1, hash: migrationHash(addAge.path), createdAt: folderMillis(addAge.tag)! }])).toEqual([
      ['20250101120000_init', 'will-be-skipped'],
      ['20250102090000_add_age', 'applied'],
    ]);
  });
});

describe('0.x: a NULL created_at', () => {
  it('sorts first in drizzle\'s ORDER BY created_at DESC and counts as 0: every unrecorded entry runs', () => {
    const project = journalProject([
      { tag: '0000_a', when: 1000, sql: 'SELECT 1;' },
      { tag: '0001_b', when: 2000, sql: 'SELECT 2;' },
    ]);
    try {
      const f = findProject({ paths: [], cwd: project.root, runner: 'drizzle' }).folders[0];
      const rows = [
        { id: 1, hash: migrationHash(f.files[1].path), createdAt: 5000 },
        { id: 2, hash: 'x', createdAt: null },
      ];
      expect(migrationStatus(f, table(rows)).map((e) => [e.tag, e.state])).toEqual([
        ['0000_a', 'pending'],
        ['0001_b', 'applied'],
        ['#2', 'applied-missing'],
      ]);
    } finally {
      project.remove();
    }
  });
});
