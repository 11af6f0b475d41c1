// `drift` without a database: the migrations replayed against drizzle-kit's last snapshot. The
// fixture is drizzle-kit 0.31's own output (`drizzle-kit generate` on examples/saas/src/db/schema.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/drift/messages.js';
import { DRIFT_DOCS } from '../../src/drift/drift-report.js';
import { REPO, runCli } from '../helpers/cli-process.js';

const FIXTURE = join(REPO, 'test/fixtures/drift-snapshot');
let root: string;
const dir = () => join(root, 'drizzle');
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'drift-snapshot-'));
  cpSync(FIXTURE, dir(), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const drift = (...args: string[]) => runCli(['drift', 'drizzle', ...args], { cwd: root, env: { MIGRATION_LINT_DATABASE_URL: '' } });
const edit = (path: string, from: string, to: string) => {
  const text = readFileSync(join(dir(), path), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir(), path), text.replace(from, to));
};

describe('drift against the last drizzle-kit snapshot', () => {
  it('drizzle-kit output as generated: no difference, exit 0', () => {
    const r = drift();
    expect(r.stdout).toBe('drift: migrations compared with snapshot drizzle/meta/0000_snapshot.json: 0 differences.\n');
    expect(r.status).toBe(0);
  });

  it('SQL edited by hand without its snapshot: each difference with both sides, exit 1', () => {
    edit('0000_init.sql', '"email" text NOT NULL', '"email" varchar(320) NOT NULL');
    edit('0000_init.sql', '"full_name" text,', '"full_name" text NOT NULL,');
    edit('0000_init.sql', "ENUM('free', 'pro', 'enterprise')", "ENUM('free', 'pro', 'team', 'enterprise')");
    edit('0000_init.sql', 'CREATE INDEX "invoices_org_status_idx"', 'CREATE INDEX "invoices_status_idx"');
    const r = drift('-f', 'json');
    expect(r.status).toBe(1);
    const body = JSON.parse(r.stdout);
    const item = (object: string, migrations: string, snapshot: string, line: number, column: number, endColumn: number) => ({
      object,
      kind: 'differs',
      migrations,
      snapshot,
      message: messages.differs({ object, migrations, other: 'snapshot', actual: snapshot }),
      file: 'drizzle/0000_init.sql',
      line,
      column,
      endLine: line,
      endColumn,
    });
    expect(body.drift).toEqual([
      {
        object: 'index "invoices_org_status_idx" on "invoices"',
        kind: 'only-in-other',
        message: messages.onlyInOther({ object: 'index "invoices_org_status_idx" on "invoices"', other: 'snapshot' }),
        file: 'drizzle/meta/0000_snapshot.json',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      },
      {
        object: 'index "invoices_status_idx" on "invoices"',
        kind: 'only-in-migrations',
        message: messages.onlyInMigrations({ object: 'index "invoices_status_idx" on "invoices"', other: 'snapshot' }),
        file: 'drizzle/0000_init.sql',
        line: 29,
        column: 14,
        endLine: 29,
        endColumn: 35,
      },
      item('column "users"."email"', '`varchar(320)`', '`text`', 21, 2, 9),
      item('column "users"."full_name"', 'NOT NULL', 'nullable', 22, 2, 13),
      item('enum "plan"', "('free', 'pro', 'team', 'enterprise')", "('free', 'pro', 'enterprise')", 1, 22, 28),
    ]);
  });

  it('sarif, github and markdown carry the same finding', () => {
    edit('0000_init.sql', '"email" text NOT NULL', '"email" varchar(320) NOT NULL');
    const message = messages.differs({ object: 'column "users"."email"', migrations: '`varchar(320)`', other: 'snapshot', actual: '`text`' });
    const sarif = JSON.parse(drift('-f', 'sarif').stdout);
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'schema-drift',
        level: 'error',
        message: { text: `${message}\n${messages.snapshotHint()}` },
        locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 21, startColumn: 2, endLine: 21, endColumn: 9 } }) })],
      }),
    ]);
    // schema-drift is no lint rule: its descriptor is the tool's own, after the registry's.
    const driver = sarif.runs[0].tool.driver;
    expect(driver.rules[sarif.runs[0].results[0].ruleIndex]).toEqual(expect.objectContaining({ id: 'schema-drift', name: 'SchemaDrift', helpUri: DRIFT_DOCS }));
    const github = drift('-f', 'github');
    expect(github.stdout).toMatch(/^::error file=drizzle\/0000_init\.sql,line=21,col=2,endLine=21,endColumn=9,title=schema-drift::column "users"\."email": migrations say `varchar\(320\)`, snapshot has `text`\./m);
    expect(github.status).toBe(1);
    expect(drift('-f', 'markdown').stdout).toContain('[`schema-drift`]');
  });

  it('two snapshots with the same prevId: generated on two branches from one parent', () => {
    const journal = JSON.parse(readFileSync(join(dir(), 'meta/_journal.json'), 'utf8'));
    const base = JSON.parse(readFileSync(join(dir(), 'meta/0000_snapshot.json'), 'utf8'));
    for (const [idx, tag, id] of [
      [1, '0001_branch_a', '11111111-1111-4111-8111-111111111111'],
      [2, '0002_branch_b', '22222222-2222-4222-8222-222222222222'],
    ] as const) {
      journal.entries.push({ idx, version: '7', when: journal.entries[0].when + idx, tag, breakpoints: true });
      writeFileSync(join(dir(), `${tag}.sql`), 'SELECT 1;');
      writeFileSync(join(dir(), `meta/000${idx}_snapshot.json`), JSON.stringify({ ...base, id, prevId: base.id }, null, 2));
    }
    writeFileSync(join(dir(), 'meta/_journal.json'), JSON.stringify(journal, null, 2));
    const r = drift('-f', 'json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      against: 'drizzle/meta/0002_snapshot.json',
      drift: [],
      collisions: [{ prevId: base.id, files: ['drizzle/meta/0001_snapshot.json', 'drizzle/meta/0002_snapshot.json'] }],
    });
    const text = drift();
    expect(text.stdout).toContain(messages.prevIdCollision({ files: ['drizzle/meta/0001_snapshot.json', 'drizzle/meta/0002_snapshot.json'], prevId: base.id }));
  });

  it('no snapshot: one line, exit 2', () => {
    rmSync(join(dir(), 'meta/0000_snapshot.json'));
    const r = drift();
    expect(r.stderr).toBe(
      'drizzle-migration-lint: drizzle: no drizzle-kit snapshot (meta/NNNN_snapshot.json or <migration>/snapshot.json) to compare with; pass --database-url to compare with a database\n',
    );
    expect(r.status).toBe(2);
  });
});
