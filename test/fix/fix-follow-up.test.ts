/**
 * `fix --follow-up`: what must commit on its own moves into a new migration after the pending one.
 * Proofs on the fixture real drizzle-kit 0.31 generated (every recipe): the journal entry and the
 * snapshot chain; drizzle-kit's own differ (drizzle-kit/api generateMigration) reads the rewritten
 * snapshots as exactly what each migration now does; drizzle-kit check and generate; drizzle-orm's
 * migrator reaches the original catalog whether the follow-up runs in the same migrate run or a
 * later one, and after a failure at any committed point; lint reports none of the fixed findings.
 * The 1.0 folders layout: the new `<timestamp>_follow_up/` folder, its snapshot.json chained by
 * `prevIds`, the pending snapshot read by drizzle-kit 1.0's differ, drizzle-kit 1.0 check and
 * generate, the migration run through drizzle-orm's own loop. A step that cannot be planned writes
 * nothing (bytes compared).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { generateMigration } from 'drizzle-kit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFix, writeAll, PLACEHOLDER } from '../../src/fix/index.js';
import { ESCAPE_NOTE } from '../../src/fix/render.js';
import { lintProject } from '../../src/app/lint-project.js';
import { runMain } from '../helpers/run-main.js';
import { drizzleKit031, drizzleKit1 } from '../helpers/drizzle-kit.js';
import { BREAKPOINT, catalogOnEmpty, folderCopy, fromDump, historyWithRows, insertSampleRows, readCatalog, readJournal, removeFolder, runMigrator, type Catalog } from './pglite-migrator.js';

const ROOT = resolve(__dirname, '../..');
/**
 * drizzle-kit 1.0's differ. Its ESM entry imports drizzle-orm 1.0 at load (the repo's drizzle-orm is
 * 0.45); the CommonJS one loads it only where generateMigration does not need it.
 */
const { generateMigration: generateMigration1 } = createRequire(import.meta.url)('drizzle-kit-beta/api-postgres') as typeof import('drizzle-kit-beta/api-postgres');
/** Before the fixture's last journal `when`: the entry takes `when` + 1 (a clock behind the journal must not reorder it). */
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copy(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'dml-fix-follow-up-'));
  temps.push(tmp);
  cpSync(dir, tmp, { recursive: true, filter: (p) => !p.includes('node_modules') });
  return tmp;
}

/** Every file under dir with its bytes' hash. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** The value the test writes where fix left the placeholder. */
function fill(folder: string): void {
  const file = join(folder, '0002_follow_up.sql');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll(PLACEHOLDER, "'en'"));
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('fix --follow-up in the drizzle-kit 0.x layout (fixture fix-drizzle-0x)', () => {
  let tmp: string;
  let folder: string;
  let original: Catalog;
  let originalSnapshot: Record<string, unknown>;
  let resolved: Set<string>;

  beforeAll(async () => {
    tmp = copy(join(ROOT, 'test/fixtures/fix-drizzle-0x'));
    folder = join(tmp, 'drizzle');
    original = await catalogOnEmpty(folder);
    originalSnapshot = json(join(folder, 'meta/0001_snapshot.json'));
    const { plan } = await planFix({ cwd: tmp, config: { baseline: '0000_base' } }, { followUp: true, now: NOW });
    expect(plan.problems).toEqual([]);
    resolved = new Set(plan.steps.flatMap((s) => s.resolves.map((r) => r.ruleId)));
    expect(plan.followUps).toEqual([{ tag: '0002_follow_up', path: join(folder, '0002_follow_up.sql'), after: '0001_risky', notes: [] }]);
    // Every recipe that commits on its own moved; the ADD VALUE stays (its use follows it in 0001).
    expect(plan.steps.filter((s) => s.followUp).map((s) => s.recipe)).toEqual([
      'dropping-index-non-concurrently',
      'setting-not-null',
      'adding-primary-key',
      'adding-not-null-column',
      'adding-foreign-key',
      'creating-index-non-concurrently',
      'adding-unique-constraint',
      'adding-check-constraint',
    ]);
    expect(plan.files.map((f) => [relative(tmp, f.path), f.kind])).toEqual([
      ['drizzle/0002_follow_up.sql', 'create'],
      ['drizzle/meta/_journal.json', 'modify'],
      ['drizzle/meta/0002_snapshot.json', 'create'],
      ['drizzle/meta/0001_snapshot.json', 'modify'],
      ['drizzle/0001_risky.sql', 'modify'],
    ]);
    writeAll(plan.files, (p) => p);
  }, 120_000);

  it('appends a journal entry in drizzle-kit\'s style: next idx, tag 0002_follow_up, `when` after the last entry\'s, the journal\'s version and breakpoints', () => {
    const j = readJournal(folder);
    expect(j.entries.map((e) => e.tag)).toEqual(['0000_base', '0001_risky', '0002_follow_up']);
    expect(j.entries[2]).toEqual({ idx: 2, version: '7', when: j.entries[1].when + 1, tag: '0002_follow_up', breakpoints: true });
    // drizzle-kit writes the journal as JSON.stringify(journal, null, 2).
    expect(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')).toBe(JSON.stringify(j, null, 2));
  });

  it('chains the snapshots: 0002 is the old 0001 content with a new id whose prevId is 0001\'s id', () => {
    const s1 = json(join(folder, 'meta/0001_snapshot.json'));
    const s2 = json(join(folder, 'meta/0002_snapshot.json'));
    expect(s1.id).toBe(originalSnapshot.id);
    expect(s1.prevId).toBe(originalSnapshot.prevId);
    expect(s2.prevId).toBe(s1.id);
    expect(s2.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect({ ...s2, id: originalSnapshot.id, prevId: originalSnapshot.prevId }).toEqual(originalSnapshot);
  });

  it("drizzle-kit's differ reads 0001's snapshot as the schema after 0001 alone, and 0001 → 0002 as exactly what moved", async () => {
    const s0 = json(join(folder, 'meta/0000_snapshot.json'));
    const s1 = json(join(folder, 'meta/0001_snapshot.json'));
    const s2 = json(join(folder, 'meta/0002_snapshot.json'));
    expect((await generateMigration(s1, s2)).sort()).toEqual(
      [
        'ALTER TABLE "members" ALTER COLUMN "nickname" SET NOT NULL;',
        'ALTER TABLE "members" ALTER COLUMN "locale" SET NOT NULL;',
        'ALTER TABLE "memberships" ADD CONSTRAINT "memberships_pk" PRIMARY KEY("team_id","member_id");',
        'DROP INDEX "members_created_at_idx";',
        'CREATE INDEX "members_email_idx" ON "members" USING btree ("email");',
        'ALTER TABLE "members" ADD CONSTRAINT "members_email_unique" UNIQUE("email");',
      ].sort(),
    );
    // 0000 → 0001: what stayed in 0001 (the enum value, the default, the nullable column, FK and CHECK).
    expect((await generateMigration(s0, s1)).sort()).toEqual(
      [
        'ALTER TYPE "public"."tier" ADD VALUE \'gold\';',
        'ALTER TABLE "teams" ALTER COLUMN "tier" SET DEFAULT \'gold\';',
        'ALTER TABLE "members" ADD COLUMN "locale" text;',
        'ALTER TABLE "members" ADD CONSTRAINT "members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;',
        'ALTER TABLE "members" ADD CONSTRAINT "members_age_check" CHECK ("members"."age" >= 0);',
      ].sort(),
    );
  });

  it('0001 keeps what runs in its transaction and a comment where a statement moved whole; the follow-up carries the escapes', () => {
    const main = readFileSync(join(folder, '0001_risky.sql'), 'utf8');
    expect(main).toContain('-- moved to the follow-up migration 0002_follow_up by drizzle-migration-lint fix\n--> statement-breakpoint\n');
    expect(main).not.toContain('VALIDATE');
    expect(main).not.toContain('CONCURRENTLY');
    const follow = readFileSync(join(folder, '0002_follow_up.sql'), 'utf8');
    expect(follow.startsWith(`${ESCAPE_NOTE}\n-- Follow-up to 0001_risky, written by \`drizzle-migration-lint fix --follow-up\`: apply it in a later deploy than 0001_risky.\nSET lock_timeout = '5s';\n${BREAKPOINT}\nCOMMIT;\n`)).toBe(true);
    expect(follow.endsWith(`${BREAKPOINT}\nBEGIN;\n`)).toBe(true);
  });

  it('lint reports none of the fixed findings, with both migrations pending and with the follow-up alone (only the placeholder until filled)', async () => {
    for (const baseline of ['0000_base', '0001_risky']) {
      const run = await lintProject({ cwd: tmp, config: { baseline, cache: false } });
      const found = run.result.results.flatMap((r) => r.messages.filter((m) => !m.suppressed).map((m) => `${r.filePath}:${m.line} ${m.ruleId}`));
      expect(found.filter((f) => resolved.has(f.split(' ')[1]))).toEqual([]);
      expect(found).toEqual(['drizzle/0002_follow_up.sql:47 unfilled-fix-placeholder']);
    }
    fill(folder);
    const filled = await lintProject({ cwd: tmp, config: { baseline: '0000_base', cache: false } });
    expect(filled.result.results.flatMap((r) => r.messages.filter((m) => !m.suppressed))).toEqual([]);
  }, 60_000);

  it("drizzle-orm's migrator reaches the original catalog with a row in every table: both in one run, or the follow-up in a later run", async () => {
    fill(folder);
    const base = await historyWithRows(folder, 1);
    expect(base.filled).toEqual(base.tables);
    for (const deploys of [[3], [2, 3]]) {
      const db = await fromDump(base.dump);
      try {
        for (const count of deploys) {
          const upTo = folderCopy(folder, count);
          try {
            await runMigrator(db, upTo);
          } finally {
            removeFolder(upTo);
          }
        }
        expect(await readCatalog(db)).toEqual(original);
      } finally {
        await db.close();
      }
    }
  }, 120_000);

  it('a failure at each committed point of either migration, then a normal re-run, reaches the same catalog', async () => {
    fill(folder);
    const base = await historyWithRows(folder, 1);
    const cases: { tag: string; at: number }[] = [];
    for (const tag of ['0001_risky', '0002_follow_up']) {
      const chunks = readFileSync(join(folder, `${tag}.sql`), 'utf8').split(BREAKPOINT);
      let inTransaction = true;
      chunks.forEach((chunk, at) => {
        // A failure inside a transaction rolls back to the last commit: distinct states start after each COMMIT and autocommit chunk.
        if (at === 0 || !inTransaction) cases.push({ tag, at });
        const sql = chunk.replace(/--[^\n]*\n/g, '').trim().replace(/;$/, '').toUpperCase();
        if (sql === 'COMMIT') inTransaction = false;
        else if (sql === 'BEGIN') inTransaction = true;
      });
    }
    expect(cases.length).toBeGreaterThan(8);
    const failures: string[] = [];
    for (const c of cases) {
      const broken = folderCopy(folder, undefined, (tag, text) => {
        if (tag !== c.tag) return text;
        const chunks = text.split(BREAKPOINT);
        chunks.splice(c.at, 0, "\nDO $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;\n");
        return chunks.join(BREAKPOINT);
      });
      const db = await fromDump(base.dump);
      try {
        let failed = false;
        await runMigrator(db, broken).catch(() => (failed = true));
        if (!failed) failures.push(`${c.tag} chunk ${c.at}: the fault did not stop the run`);
        await runMigrator(db, folder);
        if (JSON.stringify(await readCatalog(db)) !== JSON.stringify(original)) failures.push(`${c.tag} chunk ${c.at}: catalog differs`);
      } catch (e) {
        failures.push(`${c.tag} chunk ${c.at}: re-run failed: ${(e as Error).message}`);
      } finally {
        await db.close();
        removeFolder(broken);
      }
    }
    expect(failures).toEqual([]);
  }, 1_200_000);

  it('drizzle-kit check passes and drizzle-kit generate against schema.ts finds nothing to generate', () => {
    const before = tree(folder);
    drizzleKit031(tmp, ['check']);
    const out = drizzleKit031(tmp, ['generate']);
    expect(out).toContain('No schema changes, nothing to migrate');
    expect(tree(folder)).toEqual(before);
  }, 120_000);
});

describe('fix --follow-up on the command line', () => {
  it('--help describes it; --format json gives each moved step its followUp and lists followUps; nothing is written without --write', async () => {
    const help = await runMain(['fix', '--help'], { cwd: ROOT });
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '--follow-up move what must commit on its own (VALIDATE, concurrent index builds, backfills) into a new migration after the pending ones, with its journal entry and snapshot, to apply in a later deploy: the pending migration keeps all-or-nothing rollback',
    );
    const tmp = copy(join(ROOT, 'test/fixtures/fix-drizzle-0x'));
    const before = tree(tmp);
    const run = await runMain(['fix', '--baseline', '0000_base', '--follow-up', '--format', 'json'], { cwd: tmp });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.followUps).toEqual([{ tag: '0002_follow_up', path: 'drizzle/0002_follow_up.sql', after: '0001_risky', notes: [] }]);
    const fk = out.steps.find((s: { recipe: string }) => s.recipe === 'adding-foreign-key');
    expect(fk.chunks.map((c: { mode: string }) => c.mode)).toEqual(['transaction']);
    expect(fk.followUp.tag).toBe('0002_follow_up');
    expect(fk.followUp.path).toBe('drizzle/0002_follow_up.sql');
    expect(fk.followUp.chunks.map((c: { mode: string }) => c.mode)).toEqual(['autocommit']);
    expect(out.files.map((f: { path: string; kind: string }) => `${f.kind} ${f.path}`)).toEqual([
      'create drizzle/0002_follow_up.sql',
      'modify drizzle/meta/_journal.json',
      'create drizzle/meta/0002_snapshot.json',
      'modify drizzle/meta/0001_snapshot.json',
      'modify drizzle/0001_risky.sql',
    ]);
    expect(tree(tmp)).toEqual(before);
  }, 60_000);
});

describe('fix --follow-up writes nothing when a step cannot be planned', () => {
  it('a missing snapshot of the last migration: exit 2, one line naming it, every byte unchanged', async () => {
    const tmp = copy(join(ROOT, 'test/fixtures/fix-drizzle-0x'));
    rmSync(join(tmp, 'drizzle/meta/0001_snapshot.json'));
    const before = tree(tmp);
    const run = await runMain(['fix', '--baseline', '0000_base', '--follow-up', '--write'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("drizzle-migration-lint: drizzle/meta/0001_snapshot.json:0: cannot chain the follow-up's snapshot: 0001_snapshot.json is missing; nothing written\n");
    expect(tree(tmp)).toEqual(before);
  }, 60_000);

  it('a pending migration followed by one that is not being fixed: exit 2, every byte unchanged', async () => {
    const tmp = copy(join(ROOT, 'test/fixtures/fix-drizzle-0x'));
    const j = readJournal(join(tmp, 'drizzle'));
    j.entries.push({ idx: 2, version: '7', when: j.entries[1].when + 1, tag: '0002_later', breakpoints: true });
    writeFileSync(join(tmp, 'drizzle/meta/_journal.json'), JSON.stringify(j, null, 2));
    writeFileSync(join(tmp, 'drizzle/0002_later.sql'), 'SELECT 1;\n');
    const before = tree(tmp);
    const run = await runMain(['fix', 'drizzle/0001_risky.sql', '--follow-up', '--write'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("a follow-up migration goes after the folder's last migration, but 0002_later after this one is not being fixed; run fix without --follow-up; nothing written\n");
    expect(tree(tmp)).toEqual(before);
  }, 60_000);
});

/** drizzle 1.0's reading of the folders layout, fed to drizzle-orm's own dialect.migrate (as in fix-layouts.test.ts). */
async function migrateFolders(db: PGlite, folder: string, upTo?: string): Promise<void> {
  const migrations = readdirSync(folder)
    .filter((d) => /^\d{14}_/.test(d) && (upTo === undefined || d <= upTo))
    .sort()
    .map((d) => {
      const sql = readFileSync(join(folder, d, 'migration.sql'), 'utf8');
      const t = d.slice(0, 14);
      const when = Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14));
      return { sql: sql.split(BREAKPOINT), bps: true, folderMillis: when, hash: createHash('sha256').update(sql).digest('hex') };
    });
  const d = drizzle(db) as unknown as { dialect: { migrate: (m: unknown, s: unknown, c: unknown) => Promise<void> }; session: unknown };
  await d.dialect.migrate(migrations, d.session, {});
}

describe('fix --follow-up in the drizzle-kit 1.0 folders layout (fixture fix-drizzle-1x)', () => {
  it('creates <timestamp>_follow_up/ after the last folder, chains snapshot.json by prevIds, edits the pending snapshot as drizzle-kit 1.0 reads it, and reaches the original catalog', async () => {
    const tmp = copy(join(ROOT, 'test/fixtures/fix-drizzle-1x'));
    const folder = join(tmp, 'drizzle');
    const empty = await PGlite.create();
    await migrateFolders(empty, folder);
    const original = await readCatalog(empty);
    await empty.close();
    // The fixture's snapshot.json files are drizzle-kit 1.0.0-beta.24's own (see fix-layouts.test.ts).
    const s0 = json(join(folder, '20250101000000_base/snapshot.json'));
    const s1 = json(join(folder, '20250102000000_risky/snapshot.json'));

    const { plan } = await planFix({ cwd: tmp, config: { baseline: '20250101000000_base' } }, { followUp: true, now: NOW });
    expect(plan.problems).toEqual([]);
    expect(plan.files.map((f) => [relative(tmp, f.path), f.kind])).toEqual([
      ['drizzle/20260102030405_follow_up/migration.sql', 'create'],
      ['drizzle/20260102030405_follow_up/snapshot.json', 'create'],
      ['drizzle/20250102000000_risky/snapshot.json', 'modify'],
      ['drizzle/20250102000000_risky/migration.sql', 'modify'],
    ]);
    writeAll(plan.files, (p) => p);
    const s2 = json(join(folder, '20260102030405_follow_up/snapshot.json'));
    expect(s2.prevIds).toEqual([s1.id]);
    expect({ ...s2, id: s1.id, prevIds: s1.prevIds }).toEqual(s1);

    // drizzle-kit 1.0's own differ reads the rewritten pending snapshot as exactly what stayed in it.
    const risky = json(join(folder, '20250102000000_risky/snapshot.json'));
    expect({ ...risky, ddl: undefined }).toEqual({ ...s1, ddl: undefined });
    expect((await generateMigration1(s0, risky)).sort()).toEqual(
      [
        'ALTER TYPE "tier" ADD VALUE \'gold\';',
        'ALTER TABLE "teams" ALTER COLUMN "tier" SET DEFAULT \'gold\'::"tier";',
        'ALTER TABLE "members" ADD COLUMN "locale" text;',
        'ALTER TABLE "members" ADD CONSTRAINT "members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id");',
        'ALTER TABLE "members" ADD CONSTRAINT "members_age_check" CHECK ("age" >= 0);',
      ].sort(),
    );
    // What moved, entity by entity (the 1.0 differ would prompt for the index drop + create pair).
    type Entity = { entityType: string; name: string; table?: string; notNull?: boolean };
    const key = (e: Entity) => `${e.entityType} ${e.table ?? ''}.${e.name}${e.notNull === undefined ? '' : ` notNull=${e.notNull}`}`;
    const keys = (s: Record<string, unknown>) => new Set((s.ddl as Entity[]).map(key));
    const [after, moved] = [keys(risky), keys(s2)];
    expect([...moved].filter((k) => !after.has(k)).sort()).toEqual([
      'columns members.locale notNull=true',
      'columns members.nickname notNull=true',
      'indexes members.members_email_idx',
      'pks memberships.memberships_pk',
      'uniques members.members_email_unique',
    ]);
    expect([...after].filter((k) => !moved.has(k)).sort()).toEqual([
      'columns members.locale notNull=false',
      'columns members.nickname notNull=false',
      'indexes members.members_created_at_idx',
    ]);

    // The follow-up's text is the 0.x one but for its "after" name.
    const x0 = copy(join(ROOT, 'test/fixtures/fix-drizzle-0x'));
    const p0 = (await planFix({ cwd: x0, config: { baseline: '0000_base' } }, { followUp: true, now: NOW })).plan;
    expect(plan.files[0].after).toBe(p0.files[0].after.replaceAll('0001_risky', '20250102000000_risky'));

    // Real drizzle-kit 1.0: the rewritten folder checks, and generate against schema.ts has nothing to write.
    const before = tree(folder);
    expect(drizzleKit1(tmp, ['check'])).toContain("Everything's fine");
    expect(drizzleKit1(tmp, ['generate'])).toContain('No schema changes, nothing to migrate');
    expect(tree(folder)).toEqual(before);

    for (const file of [join(folder, '20260102030405_follow_up/migration.sql')]) writeFileSync(file, readFileSync(file, 'utf8').replaceAll(PLACEHOLDER, "'en'"));
    for (const later of [false, true]) {
      const db = await PGlite.create();
      try {
        await migrateFolders(db, folder, '20250101000000_base');
        expect(await insertSampleRows(db)).toEqual(['members', 'memberships', 'teams']);
        if (later) await migrateFolders(db, folder, '20250102000000_risky');
        await migrateFolders(db, folder);
        expect(await readCatalog(db)).toEqual(original);
      } finally {
        await db.close();
      }
    }
    expect(existsSync(join(folder, '20260102030405_follow_up'))).toBe(true);
  }, 300_000);
});

describe('fix --follow-up: unnamed and column-level UNIQUE / PRIMARY KEY leave the pending snapshot too', () => {
  // Both kits write a column's .primaryKey() as an unnamed `ADD PRIMARY KEY ("id")`; the unnamed UNIQUE
  // and the column-level one are hand edits of their output (Postgres names them t_a_key, t_y_key:
  // drizzle-kit 1.0's names too, not 0.31's t_a_unique, t_y_unique).
  const BASE = "import { integer, pgTable } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: integer('id').notNull(), a: integer('a') });\n";
  const FINAL = "import { integer, pgTable } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: integer('id').primaryKey(), a: integer('a').unique(), y: integer('y').unique() });\n";
  const KITS = [
    { kit: '0.31', run: drizzleKit031, differ: generateMigration, layout: (d: string) => ({ sql: join(d, '0001_risky.sql'), s0: join(d, 'meta/0000_snapshot.json'), s1: join(d, 'meta/0001_snapshot.json'), s2: join(d, 'meta/0002_snapshot.json') }), unique: (c: string) => `t_${c}_unique` },
    {
      kit: '1.0',
      run: drizzleKit1,
      differ: generateMigration1,
      layout: (d: string) => {
        const [b, r, f] = readdirSync(d).sort();
        return { sql: join(d, r, 'migration.sql'), s0: join(d, b, 'snapshot.json'), s1: join(d, r, 'snapshot.json'), s2: f ? join(d, f, 'snapshot.json') : '' };
      },
      unique: (c: string) => `t_${c}_key`,
    },
  ];
  for (const k of KITS) {
    it(`drizzle-kit ${k.kit}: the differ reads the rewritten snapshot as the column alone; check passes, generate finds nothing`, async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'dml-fix-follow-up-unnamed-'));
      temps.push(tmp);
      writeFileSync(join(tmp, 'drizzle.config.ts'), "export default { dialect: 'postgresql', schema: './schema.ts', out: './drizzle' };\n");
      writeFileSync(join(tmp, 'schema.ts'), BASE);
      k.run(tmp, ['generate', '--name', 'base']);
      writeFileSync(join(tmp, 'schema.ts'), FINAL);
      // drizzle-kit 1.0 names folders by the second.
      await new Promise((r) => setTimeout(r, 1100));
      k.run(tmp, ['generate', '--name', 'risky']);
      const folder = join(tmp, 'drizzle');
      let p = k.layout(folder);
      const sql = readFileSync(p.sql, 'utf8');
      expect(sql).toContain('ALTER TABLE "t" ADD PRIMARY KEY ("id");');
      const edited = sql
        .replace(`ALTER TABLE "t" ADD CONSTRAINT "${k.unique('a')}" UNIQUE("a");`, 'ALTER TABLE "t" ADD UNIQUE ("a");')
        .replace(`ALTER TABLE "t" ADD CONSTRAINT "${k.unique('y')}" UNIQUE("y");`, '-- column-level below')
        .replace('ALTER TABLE "t" ADD COLUMN "y" integer;', 'ALTER TABLE "t" ADD COLUMN "y" integer UNIQUE;');
      expect(edited.match(/UNIQUE/g)).toHaveLength(2);
      writeFileSync(p.sql, edited);
      const s0 = json(p.s0);
      const s1 = json(p.s1);

      const baseline = k.kit === '0.31' ? '0000_base' : readdirSync(folder).sort()[0];
      const { plan } = await planFix({ cwd: tmp, config: { baseline } }, { followUp: true, now: NOW });
      expect(plan.problems).toEqual([]);
      expect(plan.steps.filter((s) => s.followUp).map((s) => s.recipe).sort()).toEqual(['adding-primary-key', 'adding-unique-constraint', 'adding-unique-constraint']);
      writeAll(plan.files, (f) => f);
      p = k.layout(folder);
      const s2 = json(p.s2);
      const risky = json(p.s1);
      expect({ ...s2, id: s1.id, ...(k.kit === '0.31' ? { prevId: s1.prevId } : { prevIds: s1.prevIds }) }).toEqual(s1);
      // The pending migration now only adds the column; the follow-up adds the primary key and both uniques.
      expect(await k.differ(s0, risky)).toEqual(['ALTER TABLE "t" ADD COLUMN "y" integer;']);
      expect((await k.differ(risky, s2)).sort()).toEqual(
        ['ALTER TABLE "t" ADD PRIMARY KEY ("id");', `ALTER TABLE "t" ADD CONSTRAINT "${k.unique('a')}" UNIQUE("a");`, `ALTER TABLE "t" ADD CONSTRAINT "${k.unique('y')}" UNIQUE("y");`].sort(),
      );
      const before = tree(folder);
      k.run(tmp, ['check']);
      expect(k.run(tmp, ['generate'])).toContain('No schema changes, nothing to migrate');
      expect(tree(folder)).toEqual(before);
    }, 120_000);
  }
});
