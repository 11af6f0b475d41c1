/**
 * Column-level and unnamed constraints: fix names each one exactly as Postgres would (t_x_fkey,
 * t_y_key, t_a_check, collisions numbered, long names cut to 63 bytes) so that VALIDATE and USING
 * INDEX can refer to it. Proof: drizzle-orm's migrator on PGlite applies the fixed batch, with a row
 * in every table, and reaches the catalog (constraint names included) the original reaches on an
 * empty database, also after a failure right after each COMMIT and a re-run; lint afterwards
 * reports none of the fixed findings.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planFix, writeAll } from '../../src/fix/index.js';
import { makeObjectName } from '../../src/fix/pg-names.js';
import { lintProject } from '../../src/app/lint-project.js';
import { journal, tempProject } from '../helpers/temp-project.js';
import { BREAKPOINT, catalogOnEmpty, folderCopy, fromDump, historyWithRows, readCatalog, removeFolder, runMigrator } from './pglite-migrator.js';

const L = 'l'.repeat(40);
const C = 'c'.repeat(40);
const E = `é${'e'.repeat(40)}`;
const BASE = [
  'CREATE TABLE "p" ("id" integer PRIMARY KEY, "k" integer, CONSTRAINT "p_id_k_key" UNIQUE ("id", "k"));',
  'CREATE TABLE "t" ("id" integer, "a" integer, "b" integer);',
  `CREATE TABLE "${L}" ("id" integer, "${C}" integer);`,
  'CREATE TABLE "u" ("z" integer);',
  'CREATE INDEX "t_z_key" ON "u" ("z");',
  'CREATE TABLE "v" ("w" integer CONSTRAINT "t_w_check" CHECK ("w" > 0));',
].join('\n--> statement-breakpoint\n');
const PENDING = [
  'ALTER TABLE "t" ADD COLUMN "x" integer REFERENCES "p"("id");',
  'ALTER TABLE "t" ADD COLUMN "y" integer UNIQUE;',
  'ALTER TABLE "t" ADD COLUMN "z" integer UNIQUE;',
  'ALTER TABLE "t" ADD COLUMN "w" integer CHECK ("w" > 0);',
  'ALTER TABLE "t" ADD COLUMN "m" integer DEFAULT 1 NOT NULL CONSTRAINT "t_m_fk" REFERENCES "p"("id") ON DELETE CASCADE;',
  'ALTER TABLE "t" ADD CHECK ("a" >= 0);',
  'ALTER TABLE "t" ADD CHECK ("a" < 1000);',
  'ALTER TABLE "t" ADD CHECK ("a" <= "b");',
  'ALTER TABLE "t" ADD FOREIGN KEY ("a", "b") REFERENCES "p"("id", "k");',
  'ALTER TABLE "t" ADD UNIQUE ("a", "b");',
  `ALTER TABLE "${L}" ADD FOREIGN KEY ("${C}") REFERENCES "p"("id");`,
  `ALTER TABLE "${L}" ADD CHECK ("${C}" > 0);`,
  `ALTER TABLE "${L}" ADD CHECK ("${C}" < 1000);`,
  `ALTER TABLE "${L}" ADD COLUMN "${E}" integer UNIQUE;`,
].join('\n--> statement-breakpoint\n');

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('fix names column-level and unnamed constraints as Postgres does', () => {
  it("makeObjectName cuts the longer part first, at a character boundary, to 63 bytes (measured: PGlite 18's own names)", () => {
    expect(makeObjectName(L, C, 'fkey')).toBe(`${'l'.repeat(29)}_${'c'.repeat(28)}_fkey`);
    expect(makeObjectName(L, C, 'check1')).toBe(`${'l'.repeat(28)}_${'c'.repeat(27)}_check1`);
    expect(makeObjectName(L, E, 'key')).toBe(`${'l'.repeat(29)}_é${'e'.repeat(27)}_key`);
    expect(makeObjectName('t', undefined, 'pkey')).toBe('t_pkey');
  });

  it('plans every one, and the fixed batch reaches the original catalog (constraint names included) with a row in every table', async () => {
    const dir = tempProject({
      'drizzle/0000_base.sql': BASE,
      'drizzle/0001_next.sql': PENDING,
      'drizzle/meta/_journal.json': journal(['0000_base', '0001_next']),
    });
    temps.push(dir);
    const originalDir = mkdtempSync(join(tmpdir(), 'dml-fix-unnamed-'));
    temps.push(originalDir);
    cpSync(join(dir, 'drizzle'), originalDir, { recursive: true });
    const original = await catalogOnEmpty(originalDir);
    // The names Postgres chose (read back from the catalog): what the plan must name.
    for (const name of ['t_x_fkey', 't_y_key', 't_z_key1', 't_w_check1', 't_m_fk', 't_a_check', 't_a_check1', 't_check', 't_a_b_fkey', 't_a_b_key']) {
      expect(original.constraints.some((c) => c.includes(name)), name).toBe(true);
    }

    const { plan } = await planFix({ cwd: dir, config: { baseline: '0000_base' } });
    expect(plan.problems).toEqual([]);
    expect(plan.needsUser).toEqual([]);
    expect(plan.steps.map((s) => s.notes[0])).toEqual(
      expect.arrayContaining([
        'ADD COLUMN "x" alone, then its FOREIGN KEY "t_x_fkey" added NOT VALID and validated in a transaction of its own',
        'UNIQUE "t_y_key" from a unique index built CONCURRENTLY',
        'UNIQUE "t_z_key1" from a unique index built CONCURRENTLY',
        'ADD COLUMN "w" alone, then its CHECK "t_w_check1" added NOT VALID and validated in a transaction of its own',
        'ADD COLUMN "m" alone, then its FOREIGN KEY "t_m_fk" added NOT VALID and validated in a transaction of its own',
        'CHECK "t_a_check" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own',
        'CHECK "t_a_check1" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own',
        'CHECK "t_check" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own',
        'FOREIGN KEY "t_a_b_fkey" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own',
        'UNIQUE "t_a_b_key" from a unique index built CONCURRENTLY',
        `FOREIGN KEY "${'l'.repeat(29)}_${'c'.repeat(28)}_fkey" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own`,
        `CHECK "${'l'.repeat(28)}_${'c'.repeat(28)}_check" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own`,
        `CHECK "${'l'.repeat(28)}_${'c'.repeat(27)}_check1" (the name Postgres gives it) added NOT VALID, validated in a transaction of its own`,
        `UNIQUE "${'l'.repeat(29)}_é${'e'.repeat(27)}_key" from a unique index built CONCURRENTLY`,
      ]),
    );
    const resolved = new Set(plan.steps.flatMap((s) => s.resolves.map((r) => r.ruleId)));
    writeAll(plan.files, (p) => p);

    const run = await lintProject({ cwd: dir, config: { baseline: '0000_base', cache: false } });
    const left = run.result.results.flatMap((r) => r.messages.filter((m) => !m.suppressed && resolved.has(m.ruleId)).map((m) => `${m.ruleId}:${m.line}`));
    expect(left).toEqual([]);

    const folder = join(dir, 'drizzle');
    const base = await historyWithRows(folder, 1);
    expect(base.filled).toEqual(base.tables);
    const db = await fromDump(base.dump);
    try {
      await runMigrator(db, folder);
      expect(await readCatalog(db)).toEqual(original);
    } finally {
      await db.close();
    }

    // A failure after each COMMIT (the distinct committed states), then a normal re-run: the same catalog.
    const chunks = readFileSync(join(folder, '0001_next.sql'), 'utf8').split(BREAKPOINT);
    const cuts = chunks.flatMap((chunk, at) => (at > 0 && /^\s*COMMIT;\s*$/.test(chunks[at - 1]) ? [at] : []));
    expect(cuts.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const at of cuts) {
      const broken = folderCopy(folder, undefined, (tag, text) => {
        if (tag !== '0001_next') return text;
        const parts = text.split(BREAKPOINT);
        parts.splice(at + 1, 0, "\nDO $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;\n");
        return parts.join(BREAKPOINT);
      });
      const again = await fromDump(base.dump);
      try {
        let failed = false;
        await runMigrator(again, broken).catch(() => (failed = true));
        if (!failed) failures.push(`chunk ${at}: the fault did not stop the run`);
        await runMigrator(again, folder);
        if (JSON.stringify(await readCatalog(again)) !== JSON.stringify(original)) failures.push(`chunk ${at}: catalog differs`);
      } catch (e) {
        failures.push(`chunk ${at}: re-run failed: ${(e as Error).message}`);
      } finally {
        await again.close();
        removeFolder(broken);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);
});
