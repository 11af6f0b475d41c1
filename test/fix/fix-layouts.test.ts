/**
 * drizzle-kit 1.0's layout (`<timestamp>_<name>/migration.sql`): fix rewrites it exactly as the 0.x
 * layout, and the result runs through drizzle-orm's own migration loop (the pg dialect's `migrate`:
 * one transaction, chunks sent one by one). drizzle-orm 0.45 reads only the 0.x journal, so the
 * folders are read here the way drizzle 1.0 reads them (timestamp → created_at, split on breakpoints).
 *
 * The fixture test/fixtures/fix-drizzle-1x: migration.sql is fix-drizzle-0x's SQL (drizzle-kit 0.31's,
 * so that both layouts plan the same text); each snapshot.json is real drizzle-kit 1.0.0-beta.24
 * output, made with test/helpers/drizzle-kit.ts's set-up: `drizzle-kit generate --name base` on
 * fix-drizzle-0x's schema.ts as it was before 0001 (enum tier free/pro with default 'free', no
 * members.locale, members.nickname nullable, index members_created_at_idx, no FK/CHECK/UNIQUE,
 * memberships without its PK), then `generate --name risky` on the fixture's schema.ts (the final
 * one, its FK named as 0.31 names it; "create index" answered to the index prompt), folders renamed
 * to the fixture's timestamps. The SQL 1.0 generates then is the same statements as migration.sql.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { planFix, writeAll, PLACEHOLDER } from '../../src/fix/index.js';
import { drizzleKit1 } from '../helpers/drizzle-kit.js';
import { BREAKPOINT, insertSampleRows, readCatalog } from './pglite-migrator.js';

const ROOT = resolve(__dirname, '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copy(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'dml-fix-layout-'));
  temps.push(tmp);
  cpSync(dir, tmp, { recursive: true });
  return tmp;
}

/** drizzle 1.0's reading of the folders layout, fed to drizzle-orm's own dialect.migrate. */
async function migrateFolders(db: PGlite, folder: string, texts: Map<string, string> = new Map(), skip: string[] = []): Promise<void> {
  const migrations = readdirSync(folder)
    .filter((d) => /^\d{14}_/.test(d) && !skip.includes(d))
    .sort()
    .map((d) => {
      const sql = texts.get(d) ?? readFileSync(join(folder, d, 'migration.sql'), 'utf8');
      const t = d.slice(0, 14);
      const when = Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14));
      return { sql: sql.split(BREAKPOINT), bps: true, folderMillis: when, hash: createHash('sha256').update(sql).digest('hex') };
    });
  const d = drizzle(db) as unknown as { dialect: { migrate: (m: unknown, s: unknown, c: unknown) => Promise<void> }; session: unknown };
  await d.dialect.migrate(migrations, d.session, {});
}

describe('fix in the drizzle-kit 1.0 folders layout', () => {
  it('rewrites the pending folder as in the 0.x layout, and the result reaches the original catalog with rows in every table', async () => {
    const x0 = copy(join(ROOT, 'test/fixtures/fix-drizzle-0x'));
    const x1 = copy(join(ROOT, 'test/fixtures/fix-drizzle-1x'));
    const p0 = (await planFix({ cwd: x0, config: { baseline: '0000_base' } })).plan;
    const p1 = (await planFix({ cwd: x1, config: { baseline: '20250101000000_base' } })).plan;
    expect(p1.problems).toEqual([]);
    expect(p1.files.map((f) => f.path)).toEqual([join(x1, 'drizzle/20250102000000_risky/migration.sql')]);
    expect(p1.files[0].after).toBe(p0.files[0].after);
    expect(p1.steps.map((s) => s.recipe)).toEqual(p0.steps.map((s) => s.recipe));

    const folder = join(x1, 'drizzle');
    const empty = await PGlite.create();
    await migrateFolders(empty, folder);
    const original = await readCatalog(empty);
    await empty.close();

    const db = await PGlite.create();
    try {
      await migrateFolders(db, folder, new Map(), ['20250102000000_risky']);
      expect(await insertSampleRows(db)).toEqual(['members', 'memberships', 'teams']);
      await migrateFolders(db, folder, new Map([['20250102000000_risky', p1.files[0].after.replaceAll(PLACEHOLDER, "'en'")]]));
      expect(await readCatalog(db)).toEqual(original);
    } finally {
      await db.close();
    }
  }, 900_000);

  it('real drizzle-kit 1.0 on the rewritten folder: check passes, generate against schema.ts has nothing to write', async () => {
    const tmp = copy(join(ROOT, 'test/fixtures/fix-drizzle-1x'));
    const { plan } = await planFix({ cwd: tmp, config: { baseline: '20250101000000_base' } });
    expect(plan.problems).toEqual([]);
    expect(plan.files.map((f) => relative(tmp, f.path))).toEqual(['drizzle/20250102000000_risky/migration.sql']);
    writeAll(plan.files, (p) => p);
    const sizes = () => readdirSync(join(tmp, 'drizzle'), { recursive: true, encoding: 'utf8' }).sort().map((f) => `${f} ${statSync(join(tmp, 'drizzle', f)).size}`);
    const before = sizes();
    expect(readFileSync(join(tmp, 'drizzle/20250102000000_risky/migration.sql'), 'utf8')).toContain('CONCURRENTLY');
    expect(drizzleKit1(tmp, ['check'])).toContain("Everything's fine");
    expect(drizzleKit1(tmp, ['generate'])).toContain('No schema changes, nothing to migrate');
    expect(sizes()).toEqual(before);
  }, 120_000);
});
