// drift over the real corpus: each migrations folder applied to PGlite by drizzle-orm's own
// migrator (drizzle-orm/pglite/migrator), then the replayed model compared with the catalog: a
// clean database must report no drift. By default a fixed sample of projects runs (about a minute
// on a loaded 2-core machine); DRIFT_CORPUS=all runs every journal folder of the corpus, with the
// contrib extensions they create loaded and the roles their policies name created as stubs.
//
// Whole corpus (DRIFT_CORPUS=all, 2026-12-03): 60 drizzle-kit 0.x folders in the 51 projects (the
// one 1.0 folder is not run: drizzle-orm 0.45's migrator reads journals only); 32 apply with
// drizzle's PGlite migrator; 31 reported no drift and 1 was excluded (30 and 2 drifting before
// the two model fixes this run found: ADD VALUE BEFORE/AFTER, constraint/index renames). The 28
// that do not apply fail in drizzle's migrator itself: 17 have several statements in one breakpoint chunk
// (PGlite's extended protocol refuses them), 1 a breakpoint inside a comment, 3 need schemas of
// another system (Supabase's auth, a `core` schema), 3 journals name missing files, 2 need pgvector
// or pg_trgm operator classes PGlite lacks, 2 are rejected by Postgres (foreign keys). Re-run the same day
// after drift began comparing definitions (default, CHECK, generation and policy expressions, index
// definitions, policy roles, sequences, functions, triggers): still 31 clean and 1 excluded of 32.
// The one model gap it found, a serial's sequence known only from ALTER SEQUENCE … OWNED BY (the
// PageSpace admin folder), is handled (routines.ts `partial`). Re-run after partitions Postgres
// derives from a parent stopped counting as drift and run-time partitions were listed apart: 32 of
// 32 clean, nothing excluded (the PageSpace admin folder's function-made partitions were the exclusion).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftAgainstDatabase } from '../../src/drift/drift-database.js';
import { findProject } from '../../src/project/find-project.js';
import type { MigrationFolder } from '../../src/migrations/types.js';
import { loadParser, parseMigration } from '../../src/sql/index.js';
import { extensionsCreated, rolesReferenced } from '../../src/verify/engine-gaps.js';
import { pgliteSession } from '../status/fixture.js';
import { CORPUS } from '../helpers/cli-process.js';
import { existsSync, readdirSync } from 'node:fs';

/** DRIFT_CORPUS=all: every project; DRIFT_CORPUS=<text>: the projects whose name contains it. */
const CHOSEN = process.env.DRIFT_CORPUS;
const ALL = CHOSEN !== undefined && CHOSEN !== '';
/** The default sample: projects that apply on plain PGlite, small to large (2 to 26 migrations), in name order. */
const SAMPLE = ['Mail-0__Zero', 'OpenCut-app__OpenCut', 'RooCodeInc__Roo-Code', 'ViacheslavStr__Tamagochi', 'cgoinglove__better-chatbot', 'drizzle-team__drizzle-orm', 'homarr-labs__homarr', 'ibqn__next-dory'];

const projects = existsSync(CORPUS) ? (ALL ? readdirSync(CORPUS).filter((n) => n.includes('__') && (CHOSEN === 'all' || n.includes(CHOSEN))).sort() : SAMPLE) : [];
const folders: MigrationFolder[] = projects.flatMap((p) => findProject({ paths: [join(CORPUS, p)], cwd: CORPUS, runner: 'drizzle' }).folders.filter((f) => f.layout === 'journal'));

let db: PGlite;
const tally = { folders: folders.length, applied: 0, clean: 0, notApplied: [] as string[] };
// Drops every schema the last project made; roles are cluster-wide and stay (stubs only).
const RESET = `DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$; CREATE SCHEMA public;`;

beforeAll(async () => {
  await loadParser();
  const extensions: Record<string, unknown> = {};
  if (ALL) {
    const statements = folders.flatMap((f) => f.files.flatMap((file) => parseMigration(file.path, readFileSync(file.path, 'utf8')).statements));
    for (const name of extensionsCreated(statements)) {
      const module = name.toLowerCase().replace(/-/g, '_');
      try {
        extensions[module] = ((await import(`@electric-sql/pglite/contrib/${module}`)) as Record<string, unknown>)[module];
      } catch {
        /* not shipped with PGlite: those projects do not apply */
      }
    }
  }
  db = await PGlite.create({ extensions: extensions as Extensions });
}, 300_000);
afterAll(async () => {
  await db?.close();
  if (folders.length) console.log(`drift corpus (${ALL ? CHOSEN : 'sample'}): ${JSON.stringify(tally)}`);
});

describe.skipIf(!folders.length)('drift over the corpus: a database the real migrator built reports nothing', () => {
  for (const folder of folders) {
    const name = relative(CORPUS, folder.dir);
    it(name, { timeout: 120_000 }, async () => {
      await db.exec(RESET);
      const files = folder.files.filter((f) => folder.journal!.entries.some((e) => e.tag === f.tag));
      for (const role of rolesReferenced(files.flatMap((f) => parseMigration(f.path, readFileSync(f.path, 'utf8')).statements))) {
        await db.exec(`DO $$ BEGIN CREATE ROLE "${role.replace(/"/g, '""')}" NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      }
      try {
        await migrate(drizzle(db), { migrationsFolder: folder.dir });
      } catch (e) {
        tally.notApplied.push(name);
        // The sample is chosen to apply; over the whole corpus a folder drizzle cannot apply is only counted.
        if (!ALL) throw e;
        return;
      }
      tally.applied++;
      const run = await driftAgainstDatabase(pgliteSession(db), [folder], (p) => p, 'PGlite');
      expect(run.items).toEqual([]);
      tally.clean++;
    });
  }
});
