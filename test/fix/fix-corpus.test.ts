/**
 * Property over the real corpus: every migration with a finding fix has a recipe for, taken as the
 * pending batch after its history, plans without a problem, and the fixed batch applied by
 * drizzle-orm's real migrator on PGlite reaches the catalog the original reaches. A sample (every
 * SAMPLE_EVERY-th candidate, in path order) runs by default; FIX_CORPUS_ALL=1 runs all of them.
 * An original that PGlite itself rejects is skipped and counted. The counts are printed, and after
 * every folder a progress line, so a long FIX_CORPUS_ALL run that is stopped still says how far it got.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { planFix, PLACEHOLDER, RECIPES, BATCH_RECIPES } from '../../src/fix/index.js';
import { REPO } from '../helpers/run-cli.js';
import { readCatalog, runMigrator, type JournalFile } from './pglite-migrator.js';

const CORPUS = join(REPO, '../shared/corpus/drizzle-pg');
const ALL = process.env.FIX_CORPUS_ALL === '1';
const SAMPLE_EVERY = 150;
/** The expand/contract recipes only print a plan: they never change a file. */
const REWRITING = new Set([...Object.keys(RECIPES).filter((id) => !['changing-column-type', 'renaming-column', 'dropping-column'].includes(id)), ...Object.keys(BATCH_RECIPES)]);

interface Candidate {
  folder: string;
  journal: JournalFile;
  index: number;
}

async function candidates(): Promise<Candidate[]> {
  const { result, folders } = await lintProject({ paths: [CORPUS], cwd: REPO, config: { cache: false } });
  const fixable = new Set(result.results.filter((r) => r.messages.some((m) => !m.suppressed && REWRITING.has(m.ruleId))).map((r) => join(REPO, r.filePath)));
  const out: Candidate[] = [];
  for (const f of folders) {
    if (f.layout !== 'journal' || !f.journal) continue;
    const journal = JSON.parse(readFileSync(f.journal.path, 'utf8')) as JournalFile;
    journal.entries.forEach((e, index) => {
      if (fixable.has(join(f.dir, `${e.tag}.sql`))) out.push({ folder: f.dir, journal, index });
    });
  }
  return out.sort((a, b) => (a.folder + a.index).localeCompare(b.folder + b.index));
}

/** A migrations folder for drizzle's migrator: the entries up to `upto`, with `last` as the text of the last one. */
function migratorFolder(c: Candidate, upto: number, last?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dml-fix-corpus-'));
  mkdirSync(join(dir, 'meta'));
  const entries = c.journal.entries.slice(0, upto + 1);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...c.journal, entries }));
  entries.forEach((e, i) => {
    const text = i === upto && last !== undefined ? last : readFileSync(join(c.folder, `${e.tag}.sql`), 'utf8');
    writeFileSync(join(dir, `${e.tag}.sql`), text);
  });
  return dir;
}

describe.skipIf(!existsSync(CORPUS))('fix over the corpus', () => {
  it(`plans every fixable migration and reaches the original's catalog with drizzle's migrator (${ALL ? 'all' : `every ${SAMPLE_EVERY}th`})`, async () => {
    const all = await candidates();
    const chosen = ALL ? all : all.filter((_, i) => i % SAMPLE_EVERY === 0);
    const counts = { candidates: all.length, tried: chosen.length, planned: 0, fixed: 0, sameCatalog: 0, originalFailsOnPglite: 0, historyIncomplete: 0, nothingToWrite: 0, refused: {} as Record<string, number> };
    const failures: string[] = [];
    const folders = [...new Set(chosen.map((c) => c.folder))];
    for (const [done, folder] of folders.entries()) {
      if (done) console.log(`fix corpus progress: ${done}/${folders.length} folders ${JSON.stringify(counts)}`);
      const here = chosen.filter((c) => c.folder === folder);
      // Some corpus folders lack files their journal names: their history cannot be replayed.
      const last = Math.max(...here.map((c) => c.index));
      if (here[0].journal.entries.slice(0, last + 1).some((e) => !existsSync(join(folder, `${e.tag}.sql`)))) {
        counts.historyIncomplete += here.length;
        continue;
      }
      const files = here.map((c) => join(c.folder, `${c.journal.entries[c.index].tag}.sql`));
      // One plan per folder: without a base each named file is its own batch, after its history.
      const { plan } = await planFix({ paths: files, cwd: REPO, config: { cache: false } });
      // One database per folder, migrated forward: each candidate starts from its history.
      const db = await PGlite.create();
      try {
        for (const [i, c] of here.entries()) {
          const file = files[i];
          const name = relative(CORPUS, file);
          const problems = plan.problems.filter((p) => p.path === file);
          // A refusal is a result, not a failure: fix writes nothing rather than a batch a re-run would break.
          if (problems.length && problems.every((p) => p.kind)) {
            for (const kind of new Set(problems.map((p) => p.kind!))) counts.refused[kind] = (counts.refused[kind] ?? 0) + 1;
            continue;
          }
          if (problems.length) {
            failures.push(`${name}: cannot plan: ${problems.map((p) => p.message).join('; ')}`);
            continue;
          }
          counts.planned++;
          const change = plan.files.find((f) => f.path === file);
          if (!change) {
            counts.nothingToWrite++;
            continue;
          }
          counts.fixed++;
          const history = c.index > 0 ? migratorFolder(c, c.index - 1) : undefined;
          // No rows here (the corpus' tables are unknown): the backfill placeholder becomes NULL, which updates nothing.
          const fixed = migratorFolder(c, c.index, change.after.replaceAll(PLACEHOLDER, 'NULL'));
          const original = migratorFolder(c, c.index);
          try {
            if (history) await runMigrator(db, history);
            const dump = await db.dumpDataDir('none');
            try {
              await runMigrator(db, original);
            } catch {
              // The original fails on PGlite: it and the rest of this folder cannot be compared.
              counts.originalFailsOnPglite += here.length - i;
              break;
            }
            const want = await readCatalog(db);
            const copy = await PGlite.create({ loadDataDir: dump });
            try {
              await runMigrator(copy, fixed);
              if (JSON.stringify(await readCatalog(copy)) === JSON.stringify(want)) counts.sameCatalog++;
              else failures.push(`${name}: catalog differs`);
            } catch (e) {
              failures.push(`${name}: the fixed migration fails: ${(e as Error).message}`);
            } finally {
              await copy.close();
            }
          } catch {
            // The history itself fails on PGlite: the rest of this folder cannot be compared.
            counts.originalFailsOnPglite += here.length - i;
            break;
          } finally {
            for (const d of [original, fixed, history]) if (d) rmSync(d, { recursive: true, force: true });
          }
        }
      } finally {
        await db.close();
      }
    }
    console.log(`fix corpus property: ${JSON.stringify(counts)}`);
    expect(failures).toEqual([]);
    expect(counts.sameCatalog + counts.originalFailsOnPglite).toBeGreaterThanOrEqual(counts.fixed);
    expect(counts.tried).toBeGreaterThan(0);
  }, ALL ? 4 * 3600_000 : 1_800_000);
});
