import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { SchemaModel } from '../../src/schema/model.js';
import { parseMigration } from '../../src/sql/parse-file.js';
import { loadParser } from '../../src/sql/parser.js';
import { lintTexts } from '../../src/app/lint-project.js';
import { HistoryCache, historyLength, type HistorySource } from '../../src/app/history-cache.js';
import { REPO, runCli } from '../helpers/run-cli.js';

vi.setConfig({ testTimeout: 120_000 });

/** Real drizzle-kit projects, read in place (never copied into the repo). */
const CORPUS = join(REPO, '../shared/corpus/drizzle-pg');
const present = existsSync(CORPUS);

const tmp = mkdtempSync(join(tmpdir(), 'migrationlint-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Replays statements onto a model the way lint-folder does (origins by file and batch). */
function replay(model: SchemaModel, files: { path: string; batch: number; text: string }[]): void {
  for (const f of files) {
    for (const stmt of parseMigration(f.path, f.text).statements) model.apply(stmt, { file: f.path, batch: f.batch });
  }
}

describe.skipIf(!present)('SchemaModel snapshot', () => {
  beforeAll(loadParser);

  it('names every field of the model, private bookkeeping included', () => {
    const model = new SchemaModel();
    expect(Object.keys(model.toJSON()).sort()).toEqual(Object.keys(model).sort());
  });

  it('restoring a snapshot taken halfway through any corpus folder and replaying the rest gives the same model', () => {
    let folders = 0;
    let compared = 0;
    for (const project of readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      for (const folder of findProject({ paths: [join(CORPUS, project)], cwd: CORPUS, runner: 'drizzle' }).folders) {
        const files = folder.files.map((f) => ({ path: f.path, batch: f.batch, text: readFileSync(f.path, 'utf8') }));
        if (files.length < 2) continue;
        folders++;
        const half = files.length >> 1;
        const original = new SchemaModel();
        replay(original, files.slice(0, half));
        // Through JSON text, as the cache stores it.
        const restored = SchemaModel.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
        expect(restored, `${folder.dir} after ${half} files`).toEqual(original);
        replay(original, files.slice(half));
        replay(restored, files.slice(half));
        expect(restored, `${folder.dir}, all files`).toEqual(original);
        compared += original.tables.size;
      }
    }
    expect(folders).toBeGreaterThan(40);
    expect(compared).toBeGreaterThan(1000);
  });

  it('encodes and decodes origins with the codec it is given', () => {
    const model = new SchemaModel();
    replay(model, [{ path: 'a.sql', batch: 3, text: 'CREATE TABLE t (id int PRIMARY KEY);' }]);
    const json = model.toJSON((o) => `${o.file}#${o.batch}`);
    expect(json.tables[0][1].origin).toBe('a.sql#3');
    const back = SchemaModel.fromJSON(json, (o) => ({ file: String(o).split('#')[0], batch: 7 }));
    expect(back.tables.get('public.t')?.origin).toEqual({ file: 'a.sql', batch: 7 });
    expect(back.indexes.get('public.t_pkey')?.origin).toEqual({ file: 'a.sql', batch: 7 });
  });
});

describe('historyLength', () => {
  const folder = (files: { batch: number; report: boolean }[]) => ({
    dir: '/x',
    layout: 'plain' as const,
    files: files.map((f, i) => ({ path: `/x/${i}.sql`, tag: String(i), ...f })),
  });

  it('is every file before the first batch with a reported file', () => {
    expect(historyLength(folder([{ batch: 0, report: false }, { batch: 1, report: false }, { batch: 2, report: true }]))).toBe(2);
    // --since: pending files share a batch; an unreported file of that batch is not history.
    expect(historyLength(folder([{ batch: 0, report: false }, { batch: 5, report: false }, { batch: 5, report: true }]))).toBe(1);
    expect(historyLength(folder([{ batch: 0, report: true }, { batch: 1, report: true }]))).toBe(0);
    expect(historyLength(folder([{ batch: 0, report: false }]))).toBe(0);
  });
});

describe('HistoryCache stamps', () => {
  /** Three history files and a reported one, in a folder under a node_modules. */
  function setUp(name: string) {
    const dir = join(tmp, name);
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    const files = ['a', 'b', 'c', 'd'].map((tag, i) => ({ path: join(dir, `${tag}.sql`), tag, batch: i, report: tag === 'd' }));
    const content = new Map(files.map((f) => [f.path, `-- ${f.tag}`]));
    const stamps = new Map(files.map((f) => [f.path, `stamp-${f.tag}`]));
    const reads: string[] = [];
    const source: HistorySource = {
      read: (p) => (reads.push(p), content.get(p)),
      stamp: (p) => stamps.get(p),
    };
    const folder = { dir, layout: 'plain' as const, files };
    const open = () => HistoryCache.open(folder, 'drizzle', source, (p) => p)!;
    const model = new SchemaModel();
    replay(model, [{ path: files[0].path, batch: 0, text: 'CREATE TABLE t (id int);' }]);
    return { files, content, stamps, reads, open, model };
  }

  it('reads no history file while the stamps are unchanged', () => {
    const { reads, open, model } = setUp('stamps-same');
    open().save(model, 4);
    expect(reads).toHaveLength(3);
    reads.length = 0;
    const restored = open().restore();
    expect(restored?.nextTransactionId).toBe(4);
    expect(restored?.schema.tables.has('public.t')).toBe(true);
    expect(reads).toEqual([]);
  });

  it('lets the content decide when a stamp changed, and records the new stamps on a hit', () => {
    const { files, stamps, reads, open, model } = setUp('stamps-touched');
    open().save(model, 4);
    stamps.set(files[1].path, 'stamp-b-after-checkout');
    reads.length = 0;
    expect(open().restore()?.nextTransactionId).toBe(4);
    expect(reads).toHaveLength(3);
    reads.length = 0;
    expect(open().restore()?.nextTransactionId).toBe(4);
    expect(reads).toEqual([]);
  });

  it('misses when the content changed along with the stamp', () => {
    const { files, content, stamps, open, model } = setUp('stamps-edited');
    open().save(model, 4);
    content.set(files[1].path, '-- b, edited');
    stamps.set(files[1].path, 'stamp-b-edited');
    expect(open().restore()).toBeUndefined();
  });

  it('always reads when a file has no stamp (text from stdin)', () => {
    const { files, stamps, reads, open, model } = setUp('stamps-none');
    stamps.delete(files[2].path);
    open().save(model, 4);
    reads.length = 0;
    expect(open().restore()?.nextTransactionId).toBe(4);
    expect(reads).toHaveLength(3);
  });
});

/** A project with node_modules whose migrations folder is a small drizzle-kit history. */
function project(name: string, files: Record<string, string>): { dir: string; newest: string; cacheDir: string } {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  mkdirSync(join(dir, 'drizzle', 'meta'), { recursive: true });
  const tags = Object.keys(files);
  tags.forEach((tag) => writeFileSync(join(dir, 'drizzle', `${tag}.sql`), files[tag]));
  const entries = tags.map((tag, idx) => ({ idx, version: '7', when: 1700000000000 + idx, tag, breakpoints: true }));
  writeFileSync(join(dir, 'drizzle', 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
  return { dir, newest: join('drizzle', `${tags[tags.length - 1]}.sql`), cacheDir: join(dir, 'node_modules', '.cache', 'drizzle-migration-lint') };
}

const HISTORY = {
  '0000_init': 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "email" text);\n--> statement-breakpoint\nCREATE TYPE "role" AS ENUM (\'a\', \'b\');',
  '0001_orders': 'CREATE TABLE "orders" ("id" serial PRIMARY KEY, "user_id" integer);\n--> statement-breakpoint\nCREATE INDEX "orders_user" ON "orders" ("user_id");',
  '0002_touch': 'ALTER TABLE "users" ADD COLUMN "name" text;\n--> statement-breakpoint\nCREATE TABLE "later" ("id" int);',
};
const NEWEST = [
  'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;',
  'CREATE INDEX "users_email" ON "users" ("email");',
  'ALTER TABLE "later" ADD COLUMN "x" int NOT NULL;',
  'ALTER TABLE "orders" ADD CONSTRAINT "fk" FOREIGN KEY ("user_id") REFERENCES "users"("id");',
  'ALTER TYPE "role" ADD VALUE \'c\';',
].join('\n--> statement-breakpoint\n');

const lint = (dir: string, args: string[]) => runCli(['--format', 'json', ...args], { cwd: dir });

describe('history cache through the CLI', () => {
  it('gives byte-identical JSON cold, warm and with --no-cache, and stores one entry in node_modules/.cache', () => {
    const p = project('identical', { ...HISTORY, '0003_newest': NEWEST });
    const uncached = lint(p.dir, ['--no-cache', p.newest]);
    expect(existsSync(p.cacheDir)).toBe(false);
    expect(uncached.code).toBe(1);
    expect(JSON.parse(uncached.stdout).summary.errors).toBeGreaterThan(0);
    const cold = lint(p.dir, [p.newest]);
    expect(readdirSync(p.cacheDir)).toHaveLength(1);
    const warm = lint(p.dir, [p.newest]);
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
    // The linter writes nothing next to the migrations.
    expect(readdirSync(join(p.dir, 'drizzle')).sort()).toEqual(['0000_init.sql', '0001_orders.sql', '0002_touch.sql', '0003_newest.sql', 'meta']);
  });

  it('counts restored objects as created by their own batches under --baseline and --since-like batching', () => {
    const p = project('baseline', { ...HISTORY, '0003_newest': NEWEST });
    // --baseline 0001: 0002 and 0003 are one pending batch, so "later" (created in 0002) is new there.
    const uncached = lint(p.dir, ['--no-cache', '--baseline', '0001_orders']);
    lint(p.dir, ['--baseline', '0001_orders']);
    const warm = lint(p.dir, ['--baseline', '0001_orders']);
    expect(warm).toEqual(uncached);
    // Then each file alone: the same folder's cache entry is replaced, and "later" is not new any more.
    const alone = lint(p.dir, ['--no-cache', p.newest]);
    lint(p.dir, [p.newest]);
    expect(lint(p.dir, [p.newest])).toEqual(alone);
    expect(alone.stdout).not.toEqual(uncached.stdout);
    expect(readdirSync(p.cacheDir)).toHaveLength(1);
  });

  it('ignores a corrupt or foreign cache file and replaces it', () => {
    const p = project('corrupt', { ...HISTORY, '0003_newest': NEWEST });
    const expected = lint(p.dir, ['--no-cache', p.newest]);
    lint(p.dir, [p.newest]);
    const [entry] = readdirSync(p.cacheDir);
    const file = join(p.cacheDir, entry);
    for (const junk of ['{"format":1,"key":', 'null', '[]', JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schema: { tables: 5 } })]) {
      writeFileSync(file, junk);
      expect(lint(p.dir, [p.newest])).toEqual(expected);
    }
    // The last run replayed and stored a good entry again.
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe(4);
    // A right key with a wrong origin reference is not trusted either.
    const good = JSON.parse(readFileSync(file, 'utf8'));
    good.schema.tables[0][1].origin = [99, 0];
    writeFileSync(file, JSON.stringify(good));
    expect(lint(p.dir, [p.newest])).toEqual(expected);
  });

  it('ignores an entry whose checksum fails or that does not match its schema (it once crashed the run)', () => {
    const p = project('damaged', { ...HISTORY, '0003_newest': NEWEST });
    const expected = lint(p.dir, ['--no-cache', p.newest]);
    lint(p.dir, [p.newest]);
    const [entry] = readdirSync(p.cacheDir);
    const file = join(p.cacheDir, entry);
    const good = readFileSync(file, 'utf8');
    const { checksum, ...content } = JSON.parse(good);
    expect(checksum).toBe(createHash('sha256').update(JSON.stringify(content)).digest('hex'));
    const withChecksum = (c: object) => JSON.stringify({ ...c, checksum: createHash('sha256').update(JSON.stringify(c)).digest('hex') });
    // A column type that is not a type: the rules read type.name of it.
    const badType = JSON.parse(good);
    badType.schema.tables[0][1].columns[1][1].type = 5;
    const { checksum: _, ...badTypeContent } = badType;
    const damaged = [
      ['a damaged value, checksum kept', JSON.stringify(badType)],
      ['a changed table name, checksum kept', good.replace('"public.users"', '"public.usurs"')],
      ['no checksum', JSON.stringify(content)],
      ['a right checksum over a wrong shape', withChecksum({ ...content, schema: { ...content.schema, tables: 5 } })],
      ['a right checksum over a wrong column type', withChecksum(badTypeContent)],
    ];
    for (const [what, junk] of damaged) {
      writeFileSync(file, junk);
      const run = lint(p.dir, [p.newest]);
      expect(run.stderr, what).toBe('');
      expect(run, what).toEqual(expected);
    }
  });

  it('misses when a history file is edited, and the result follows the edit', () => {
    const p = project('edited', { ...HISTORY, '0003_newest': NEWEST });
    lint(p.dir, [p.newest]);
    // users.email gets NOT NULL in the history: SET NOT NULL in the newest file no longer scans anything new.
    writeFileSync(join(p.dir, 'drizzle', '0000_init.sql'), HISTORY['0000_init'].replace('"email" text', '"email" text NOT NULL'));
    const expected = lint(p.dir, ['--no-cache', p.newest]);
    expect(lint(p.dir, [p.newest])).toEqual(expected);
    expect(lint(p.dir, [p.newest])).toEqual(expected);
    // The cached output after the edit differs from before it, so the entry was not reused.
    writeFileSync(join(p.dir, 'drizzle', '0000_init.sql'), HISTORY['0000_init']);
    const before = lint(p.dir, ['--no-cache', p.newest]);
    expect(before.stdout).not.toEqual(expected.stdout);
    expect(lint(p.dir, [p.newest])).toEqual(before);
  });

  it('misses when an edit keeps the size and sets the modification time back', () => {
    const p = project('same-size', { ...HISTORY, '0003_newest': NEWEST });
    const file = join(p.dir, 'drizzle', '0000_init.sql');
    // Whole seconds, so that setting the time back restores it to the nanosecond.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const before = lint(p.dir, [p.newest]);
    // NOT NULL moves from "id" to "email" (same length): the newest file's SET NOT NULL then scans nothing.
    const edited = HISTORY['0000_init'].replace('PRIMARY KEY NOT NULL, "email" text', 'PRIMARY KEY, "email" text NOT NULL');
    expect(edited.length).toBe(HISTORY['0000_init'].length);
    writeFileSync(file, edited);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const expected = lint(p.dir, ['--no-cache', p.newest]);
    expect(lint(p.dir, [p.newest])).toEqual(expected);
    expect(expected.stdout).not.toEqual(before.stdout);
  });

  it('writes no cache without node_modules, with --no-cache, or with cache: false in the config', () => {
    const p = project('off', { ...HISTORY, '0003_newest': NEWEST });
    rmSync(join(p.dir, 'node_modules'), { recursive: true });
    lint(p.dir, [p.newest]);
    expect(existsSync(join(p.dir, 'node_modules'))).toBe(false);
    mkdirSync(join(p.dir, 'node_modules'));
    writeFileSync(join(p.dir, '.migrationlintrc.json'), JSON.stringify({ cache: false }));
    lint(p.dir, [p.newest]);
    expect(existsSync(p.cacheDir)).toBe(false);
    writeFileSync(join(p.dir, '.migrationlintrc.json'), JSON.stringify({ cache: 'no' }));
    const bad = lint(p.dir, [p.newest]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cache');
  });
});

describe.skipIf(!present)('history cache on a corpus project', () => {
  it("gives the same JSON for flowglad's newest migration with and without the cache (cold, then warm)", () => {
    const dir = join(tmp, 'flowglad');
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(CORPUS, 'flowglad__flowglad/platform/flowglad-next/db-core/migrations'), join(dir, 'migrations'));
    const newest = join('migrations', '0296_high_junta.sql');
    const expected = lint(dir, ['--no-cache', newest]);
    expect(expected.stdout).toContain('0296_high_junta.sql');
    expect(lint(dir, [newest])).toEqual(expected);
    expect(readdirSync(join(dir, 'node_modules/.cache/drizzle-migration-lint'))).toHaveLength(1);
    expect(lint(dir, [newest])).toEqual(expected);
  });
});

describe('lintTexts', () => {
  it('does not use the cache unless asked', async () => {
    const cwd = join(tmp, 'texts');
    mkdirSync(join(cwd, 'node_modules'), { recursive: true });
    const sources = [
      { path: 'a.sql', text: 'CREATE TABLE t (id int);', report: false },
      { path: 'b.sql', text: 'ALTER TABLE t ADD COLUMN x int NOT NULL;' },
    ];
    const plain = await lintTexts(sources, { cwd });
    expect(existsSync(join(cwd, 'node_modules/.cache'))).toBe(false);
    expect(await lintTexts(sources, { cwd, config: { cache: true } })).toEqual(plain);
    expect(await lintTexts(sources, { cwd, config: { cache: true } })).toEqual(plain);
    expect(readdirSync(join(cwd, 'node_modules/.cache/drizzle-migration-lint'))).toHaveLength(1);
  });
});
