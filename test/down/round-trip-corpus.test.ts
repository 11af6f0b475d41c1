// down's proof on the real corpus: every migration, taken as the last one after its history, is
// applied on PGlite and reversed with the SQL `down` writes; the catalog must come back exactly,
// except for migrations `down` declares irreversible. The suite runs a deterministic sample of the
// projects (every SAMPLE_EVERY-th by name); DOWN_CORPUS=all runs all of them and prints the totals.
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProject } from '../../src/project/find-project.js';
import { loadParser } from '../../src/sql/index.js';
import { CORPUS, REPO } from '../helpers/cli-process.js';
import { roundTripFolder, type MigrationOutcome } from './round-trip.js';

const ALL = process.env.DOWN_CORPUS === 'all';
const SAMPLE_EVERY = 8;

const projects = existsSync(CORPUS) ? readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
const sqlFiles = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? sqlFiles(join(dir, e.name)) : e.name.endsWith('.sql') ? 1 : 0), 0);
// The whole corpus smallest project first, so that a run cut short has covered the most projects.
const chosen = ALL
  ? projects.map((p) => [p, sqlFiles(join(CORPUS, p))] as const).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p)
  : projects.filter((_, i) => i % SAMPLE_EVERY === 0);

beforeAll(() => loadParser());

const totals = { projects: 0, fully: 0, files: 0, applied: 0, roundTripped: 0, irreversible: 0, irreversibleRestored: 0, failed: 0, byReason: {} as Record<string, number>, failures: [] as MigrationOutcome[], stopped: [] as string[] };

describe.skipIf(!projects.length)(`down round trip on the corpus (${ALL ? 'all projects' : `every ${SAMPLE_EVERY}th project`})`, () => {
  for (const name of chosen) {
    it(name, { timeout: ALL ? 1_200_000 : 120_000 }, async () => {
      const { folders } = findProject({ paths: [join(CORPUS, name)], cwd: REPO, runner: 'drizzle' });
      const failures: MigrationOutcome[] = [];
      const log: Record<string, unknown>[] = [];
      for (const folder of folders) {
        const out = await roundTripFolder(folder, REPO);
        log.push({ files: out.files, stoppedAt: out.stoppedAt?.path, stopError: out.stoppedAt?.error.split('\n')[0], outcomes: out.migrations.map((m) => [m.status, m.reasons.join('+'), m.catalogRestored ?? null]) });
        totals.projects += 1;
        totals.files += out.files;
        if (!out.stoppedAt) totals.fully += 1;
        else totals.stopped.push(`${out.stoppedAt.path}: ${out.stoppedAt.error.split('\n')[0]}`);
        for (const m of out.migrations) {
          totals.applied += 1;
          if (m.status === 'round-tripped') totals.roundTripped += 1;
          if (m.status === 'irreversible') {
            totals.irreversible += 1;
            if (m.catalogRestored) totals.irreversibleRestored += 1;
            for (const r of m.reasons) totals.byReason[r] = (totals.byReason[r] ?? 0) + 1;
          }
          if (m.status === 'failed') failures.push(m);
        }
      }
      totals.failed += failures.length;
      if (process.env.DOWN_CORPUS_REPORT) appendFileSync(`${process.env.DOWN_CORPUS_REPORT}.log`, JSON.stringify({ name, log, failures: failures.map((f) => ({ path: f.path, error: f.error, diff: f.diff })) }) + '\n');
      totals.failures.push(...failures);
      expect(failures.map((f) => ({ path: f.path, error: f.error, diff: f.diff, down: f.down }))).toEqual([]);
    });
  }

  it('totals', () => {
    const line = `down round trip: ${totals.projects} folders (${totals.fully} applied to the end), ${totals.files} migrations, ${totals.applied} applied: ${totals.roundTripped} reversible and round-tripped, ${totals.irreversible} declared irreversible (${totals.irreversibleRestored} of them with the catalog restored all the same) by reason ${JSON.stringify(totals.byReason)}, ${totals.failed} failures`;
    console.log(line);
    if (process.env.DOWN_CORPUS_REPORT) writeFileSync(process.env.DOWN_CORPUS_REPORT, JSON.stringify(totals, null, 2));
    expect(totals.failed).toBe(0);
  });
});
