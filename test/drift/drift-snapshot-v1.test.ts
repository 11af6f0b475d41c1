// `drift` without a database on drizzle-kit 1.0's layout: `<timestamp>_<name>/migration.sql` with its
// `snapshot.json` (version 8, a flat `ddl` list). The fixture is drizzle-kit 1.0.0-beta.24's own
// output (the devDependency drizzle-kit-beta, npm:drizzle-kit@1.0.0-beta.24; run as in
// test/helpers/drizzle-kit.ts): `drizzle-kit generate` on examples/saas/src/db/schema.ts,
// then again after adding an api_keys table with a UNIQUE, a CHECK, a text[] column and a policy.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/drift/messages.js';
import { REPO, runCli } from '../helpers/cli-process.js';

const FIXTURE = join(REPO, 'test/fixtures/drift-snapshot-v1');
const SECOND = '20261203200941_api_keys';
let root: string;
const dir = () => join(root, 'drizzle');
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'drift-snapshot-v1-'));
  cpSync(FIXTURE, dir(), { recursive: true });
  writeFileSync(join(root, 'drizzle.config.ts'), "export default { dialect: 'postgresql', out: './drizzle' };\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const drift = (...args: string[]) => runCli(['drift', 'drizzle', ...args], { cwd: root, env: { MIGRATION_LINT_DATABASE_URL: '' } });
const edit = (path: string, from: string, to: string) => {
  const text = readFileSync(join(dir(), path), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir(), path), text.replace(from, to));
};

describe('drift against a drizzle-kit 1.0 snapshot', () => {
  it('drizzle-kit 1.0 output as generated: no difference with the last snapshot, exit 0', () => {
    const r = drift();
    expect(r.stdout).toBe(`drift: migrations compared with snapshot drizzle/${SECOND}/snapshot.json: 0 differences.\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('SQL edited by hand without its snapshot: type, NOT NULL, a renamed CHECK, an array made scalar', () => {
    const sql = `${SECOND}/migration.sql`;
    edit(sql, '"uses" integer DEFAULT 0 NOT NULL', '"uses" bigint DEFAULT 0');
    edit(sql, 'CONSTRAINT "uses_non_negative" CHECK', 'CONSTRAINT "uses_min" CHECK');
    edit(sql, '"scopes" text[] NOT NULL', '"scopes" text NOT NULL');
    const r = drift('-f', 'json');
    expect(r.status).toBe(1);
    const file = `drizzle/${sql}`;
    const differs = (object: string, migrations: string, snapshot: string, at: number[]) => ({
      object,
      kind: 'differs',
      migrations,
      snapshot,
      message: messages.differs({ object, migrations, other: 'snapshot', actual: snapshot }),
      file,
      line: at[0],
      column: at[1],
      endLine: at[2],
      endColumn: at[3],
    });
    const body = JSON.parse(r.stdout);
    expect(body.comparedWith).toBe('snapshot');
    expect(body.against).toBe(`drizzle/${SECOND}/snapshot.json`);
    expect(body.drift).toEqual([
      differs('column "api_keys"."scopes"', '`text`', '`text[]`', [4, 2, 4, 10]),
      differs('column "api_keys"."uses"', '`bigint`', '`integer`', [5, 2, 5, 8]),
      differs('column "api_keys"."uses"', 'nullable', 'NOT NULL', [5, 2, 5, 8]),
      {
        object: 'constraint "uses_non_negative" on "api_keys"',
        kind: 'only-in-other',
        message: messages.onlyInOther({ object: 'constraint "uses_non_negative" on "api_keys"', other: 'snapshot' }),
        file: `drizzle/${SECOND}/snapshot.json`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      },
      {
        object: 'constraint "uses_min" on "api_keys"',
        kind: 'only-in-migrations',
        message: messages.onlyInMigrations({ object: 'constraint "uses_min" on "api_keys"', other: 'snapshot' }),
        file,
        line: 6,
        column: 13,
        endLine: 6,
        endColumn: 23,
      },
    ]);
  });

  it('two 1.0 snapshots with the same prevIds: generated on two branches from one parent', () => {
    const third = '20261203201000_branch';
    mkdirSync(join(dir(), third));
    writeFileSync(join(dir(), third, 'migration.sql'), 'ALTER TABLE "api_keys" ADD COLUMN "label" text;');
    const snapshot = JSON.parse(readFileSync(join(dir(), SECOND, 'snapshot.json'), 'utf8')) as { id: string; ddl: unknown[] };
    snapshot.id = '0b5e4a1c-0000-4000-8000-000000000001';
    snapshot.ddl.push({ type: 'text', typeSchema: null, notNull: false, dimensions: 0, default: null, generated: null, identity: null, name: 'label', entityType: 'columns', schema: 'public', table: 'api_keys' });
    writeFileSync(join(dir(), third, 'snapshot.json'), JSON.stringify(snapshot, null, 2));
    const r = drift('-f', 'json');
    expect(r.status).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.drift).toEqual([]);
    expect(body.collisions).toEqual([{ prevId: '7599d0df-987c-4621-8d66-e1d6e65cf328', files: [`drizzle/${SECOND}/snapshot.json`, `drizzle/${third}/snapshot.json`] }]);
  });
});
