// `status` and `drift` as users run them (the built CLI) against a throwaway PostgreSQL where
// drizzle-orm's node-postgres migrator applied the migrations.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectReadOnly } from '../../src/db/read-only-session.js';
import { messages as driftMessages } from '../../src/drift/messages.js';
import { migrationHash } from '../../src/status/migration-status.js';
import { CLI, REPO, runCli } from '../helpers/cli-process.js';
import { startThrowawayServer, type Server } from '../verify/throwaway-server.js';
import { journalProject, type Migration } from './fixture.js';

const started = startThrowawayServer();
const server: Server | undefined = 'url' in started ? started : undefined;
if (!server) console.warn(`status/drift --database-url tests skipped: ${(started as { skip: string }).skip}`);

const INIT: Migration = { tag: '0000_init', when: 1_700_000_000_000, sql: 'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"email" varchar(255) NOT NULL\n);' };
const POSTS: Migration = { tag: '0001_posts', when: 1_700_000_100_000, sql: 'CREATE TABLE "posts" ("id" serial PRIMARY KEY, "title" text);' };
const ADDED: Migration = { tag: '0002_comments', when: 1_700_000_200_000, sql: 'CREATE TABLE "comments" ("id" serial PRIMARY KEY);' };
const BRANCH: Migration = { tag: '0002_tags', when: 1_700_000_050_000, sql: 'CREATE TABLE "tags" ("id" serial PRIMARY KEY);' };

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}
const sql = (url: string, text: string) => withClient(url, async (c) => (await c.query(text)).rows);
const drizzleMigrate = (url: string, dir: string) => withClient(url, (c) => migrate(drizzle(c), { migrationsFolder: dir }));

describe.skipIf(!server)('status and drift --database-url on a real PostgreSQL', () => {
  let n = 0;
  let url: string;
  let project: ReturnType<typeof journalProject>;
  afterAll(() => server?.stop());
  beforeEach(async () => {
    const name = `status_${++n}`;
    await sql(server!.url, `CREATE DATABASE ${name}`);
    url = server!.url.replace(/\/postgres$/, `/${name}`);
    project = journalProject([INIT, POSTS]);
    await drizzleMigrate(url, project.dir);
  });
  afterEach(() => project.remove());

  const status = (...args: string[]) => runCli(['status', '--database-url', url, ...args], { cwd: project.root });
  const json = (...args: string[]) => {
    const r = status('-f', 'json', ...args);
    return { code: r.status, body: JSON.parse(r.stdout) as { inSync: boolean; database: string; folders: { migrations: { tag: string; state: string }[] }[] } };
  };
  const states = (b: ReturnType<typeof json>['body']) => b.folders[0].migrations.map((m) => `${m.tag} ${m.state}`);

  it('in sync: exit 0, the text report and the JSON', () => {
    const text = status();
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(
      [
        `drizzle  ("drizzle"."__drizzle_migrations" on PostgreSQL ${text.stdout.match(/on PostgreSQL (\S+)/)![1]} at ${url})`,
        '  applied                   0000_init',
        '  applied                   0001_posts',
        '  2 migrations: 2 applied',
        '',
      ].join('\n'),
    );
    const { code, body } = json();
    expect(code).toBe(0);
    expect(body).toMatchObject({ inSync: true, summary: { applied: 2, pending: 0 } });
    expect(states(body)).toEqual(['0000_init applied', '0001_posts applied']);
  });

  it('pending, will be skipped (and drizzle skips it), edited, deleted: exit 1 each', async () => {
    project.write([INIT, POSTS, ADDED]);
    expect(json()).toMatchObject({ code: 1 });
    expect(states(json().body)).toEqual(['0000_init applied', '0001_posts applied', '0002_comments pending']);

    project.write([INIT, POSTS, BRANCH]);
    rmSync(join(project.dir, '0002_comments.sql'));
    expect(states(json().body)).toEqual(['0000_init applied', '0001_posts applied', '0002_tags will-be-skipped']);
    await drizzleMigrate(url, project.dir);
    expect(await sql(url, "SELECT to_regclass('public.tags')::text AS t")).toEqual([{ t: null }]);
    expect(states(json().body)).toEqual(['0000_init applied', '0001_posts applied', '0002_tags will-be-skipped']);

    project.write([INIT, POSTS]);
    rmSync(join(project.dir, '0002_tags.sql'));
    writeFileSync(join(project.dir, '0001_posts.sql'), POSTS.sql + '\n-- reviewed');
    const edited = json();
    expect(edited.code).toBe(1);
    expect(states(edited.body)).toEqual(['0000_init applied', '0001_posts edited']);
    expect(edited.body.folders[0].migrations[1]).toMatchObject({ hash: migrationHash(join(project.dir, '0001_posts.sql')), recorded: { id: 2, createdAt: POSTS.when } });

    rmSync(join(project.dir, '0001_posts.sql'));
    expect(states(json().body)).toEqual(['0000_init applied', '0001_posts applied-missing']);
    const github = status('-f', 'github');
    expect(github.status).toBe(1);
    expect(github.stdout).toContain('::error file=drizzle/meta/_journal.json,line=');
  });

  it('the URL from MIGRATION_LINT_DATABASE_URL or a literal dbCredentials.url in drizzle.config', () => {
    expect(runCli(['status'], { cwd: project.root, env: { MIGRATION_LINT_DATABASE_URL: url } }).status).toBe(0);
    writeFileSync(join(project.root, 'drizzle.config.ts'), `export default { dialect: 'postgresql', out: './drizzle', dbCredentials: { url: '${url}' } };\n`);
    expect(runCli(['status'], { cwd: project.root, env: { MIGRATION_LINT_DATABASE_URL: '' } }).status).toBe(0);
    writeFileSync(join(project.root, 'drizzle.config.ts'), "export default { dialect: 'postgresql', out: './drizzle', dbCredentials: { url: process.env.DATABASE_URL! } };\n");
    const none = runCli(['status'], { cwd: project.root, env: { MIGRATION_LINT_DATABASE_URL: '' } });
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      'drizzle-migration-lint: status needs a database: pass --database-url, set MIGRATION_LINT_DATABASE_URL, or write dbCredentials.url as a literal in drizzle.config\n',
    );
  });

  it('errors: exit 2 in one line, the password never shown', () => {
    const refused = runCli(['status', '--database-url', 'postgres://app:s3cret@127.0.0.1:1/db'], { cwd: project.root });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^drizzle-migration-lint: cannot connect to postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/db: .+\n$/);
    expect(refused.stdout + refused.stderr).not.toContain('s3cret');
    const wrong = runCli(['drift', '--database-url', 'mysql://app:s3cret@host/db'], { cwd: project.root });
    expect(wrong.stderr).toBe('drizzle-migration-lint: --database-url: the scheme is mysql; expected postgres://user:password@host:port/database\n');
    expect(wrong.status).toBe(2);
  });

  it('reads in a read-only transaction: a write is refused (25006)', async () => {
    const session = await connectReadOnly(url, { application: 'test' });
    try {
      await expect(session.exec('CREATE TABLE t (id int)')).rejects.toThrow(/cannot execute CREATE TABLE in a read-only transaction \(25006\)/);
    } finally {
      await session.close();
    }
  });

  it('Ctrl-C while blocked on a lock: the query is cancelled, exit 130', async () => {
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE drizzle.__drizzle_migrations IN ACCESS EXCLUSIVE MODE');
      const child = spawn(process.execPath, [CLI, 'status', '--database-url', url], { cwd: project.root, env: { ...process.env, NO_COLOR: '1' } });
      let out = '';
      child.stderr.on('data', (d) => (out += d));
      // Wait until the status query waits on the lock, then interrupt.
      for (let i = 0; i < 100; i++) {
        const waiting = await sql(url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'drizzle-migration-lint status' AND wait_event_type = 'Lock'");
        if (waiting[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      const left = await sql(url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'drizzle-migration-lint status'");
      expect(left).toEqual([{ n: 0 }]);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  }, 30_000);

  it('drift: clean exit 0; a hand ALTER exit 1 with both sides', async () => {
    const clean = runCli(['drift', '--database-url', url], { cwd: project.root });
    expect(clean.stdout).toBe(`drift: migrations compared with database ${url}: 0 differences.\nNot created by these migrations, left out (1):\n  table "drizzle"."__drizzle_migrations" (drizzle's migrations table)\n`);
    expect(clean.status).toBe(0);
    await sql(url, 'ALTER TABLE users ALTER COLUMN email TYPE text');
    const r = runCli(['drift', '--database-url', url, '-f', 'json'], { cwd: project.root });
    expect(r.status).toBe(1);
    const object = 'column "users"."email"';
    expect(JSON.parse(r.stdout).drift).toEqual([
      {
        object,
        kind: 'differs',
        migrations: '`varchar(255)`',
        database: '`text`',
        message: driftMessages.differs({ object, migrations: '`varchar(255)`', other: 'database', actual: '`text`' }),
        file: 'drizzle/0000_init.sql',
        line: 3,
        column: 2,
        endLine: 3,
        endColumn: 9,
      },
    ]);
    expect(readFileSync(join(project.dir, '0000_init.sql'), 'utf8')).toBe(INIT.sql);
  });

  it('the GitHub Action runs status when asked: in sync passes, pending fails the step with an annotation', () => {
    const action = (extra: Record<string, string>) => {
      const outputs = join(project.root, 'github-output.txt');
      writeFileSync(outputs, '');
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ACTION_PATH: REPO, GITHUB_OUTPUT: outputs, PR_BASE_SHA: '' };
      for (const [k, v] of Object.entries({ format: 'github', 'fail-on': 'error', status: 'true', 'database-url': url, ...extra })) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
      const run = spawnSync('bash', [join(REPO, 'action/run.sh')], { cwd: project.root, env, encoding: 'utf8' });
      return { code: run.status, stdout: run.stdout, outputs: readFileSync(outputs, 'utf8') };
    };
    const clean = action({});
    expect(clean.outputs).toBe('exit-code=0\nstatus-exit-code=0\n');
    expect(clean.code).toBe(0);
    project.write([INIT, POSTS, ADDED]);
    const pending = action({});
    expect(pending.outputs).toBe('exit-code=0\nstatus-exit-code=1\n');
    expect(pending.stdout).toContain('::warning file=drizzle/0002_comments.sql,line=1,');
    expect(pending.code).toBe(1);
    const refused = action({ 'database-url': 'postgres://app:s3cret@127.0.0.1:1/db' });
    expect(refused.outputs).toContain('status-exit-code=2');
    expect(refused.code).toBe(2);
    expect(refused.stdout).not.toContain('s3cret');
  });
});
