// Damaged drizzle-kit journals (meta/_journal.json), in process: the run either lints (a broken
// journal is an input error and a journal-file-mismatch finding, the migrations are still linted
// in file-name order) or stops with a UsageError naming the journal; it never throws anything else,
// every finding points at a real line, and no file changes.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { UsageError } from '../../src/errors.js';
import { journal, tempProject } from '../helpers/temp-project.js';
import { fuzzRuns, fuzzSeed } from './mutations.js';

const TAGS = ['0000_init', '0001_orders', '0002_drop'];
const SQL: Record<string, string> = {
  '0000_init': 'CREATE TABLE "users" ("id" integer PRIMARY KEY, "email" text);',
  '0001_orders': 'CREATE TABLE "orders" ("id" integer PRIMARY KEY, "user_id" integer);\n--> statement-breakpoint\nCREATE INDEX "orders_user" ON "orders" ("user_id");',
  '0002_drop': 'ALTER TABLE "users" DROP COLUMN "email";',
};

type Json = unknown;
const original = JSON.parse(journal(TAGS)) as Json;

/** A value of a wrong or odd type for any field. */
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, '', '0000_init', '../../../etc/passwd', '0000_init\u0000', 'nope', [], {}, [1, 2], { idx: 0 }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);

type Journal = Record<string, Json> & { entries: Json[] };

/** Applies a change to the entries when there still is an entry list (an earlier damage may have removed it). */
const onEntries = (f: (entries: Json[]) => Json[]) => (j: Json) =>
  j && typeof j === 'object' && Array.isArray((j as Journal).entries) ? { ...(j as Journal), entries: f((j as Journal).entries) } : j;
const onEntry = (i: number, f: (e: Record<string, Json>) => Json) =>
  onEntries((entries) => entries.map((e, n) => (n === i && e && typeof e === 'object' ? f(e as Record<string, Json>) : e)));
const onObject = (f: (o: Record<string, Json>) => Json) => (j: Json) => (j && typeof j === 'object' && !Array.isArray(j) ? f(j as Record<string, Json>) : j);

/** Structural damage to the journal object. */
const damage: fc.Arbitrary<(j: Json) => Json> = fc.oneof(
  fc.tuple(fc.constantFrom('version', 'dialect', 'entries'), oddValue).map(([key, v]) => onObject((j) => ({ ...j, [key]: v }))),
  fc.constantFrom('version', 'dialect', 'entries').map((key) => onObject((j) => Object.fromEntries(Object.entries(j).filter(([k]) => k !== key)))),
  fc.tuple(fc.nat(2), fc.constantFrom('idx', 'version', 'when', 'tag', 'breakpoints'), oddValue).map(([i, key, v]) => onEntry(i, (e) => ({ ...e, [key]: v }))),
  fc
    .tuple(fc.nat(2), fc.constantFrom('idx', 'when', 'tag', 'breakpoints'))
    .map(([i, key]) => onEntry(i, (e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)))),
  fc.tuple(fc.nat(3), oddValue).map(([i, v]) => onEntries((entries) => [...entries.slice(0, i), v, ...entries.slice(i)])),
  fc.nat(2).map((i) => onEntries((entries) => [...entries, entries[i]])), // a duplicate entry
  fc.nat(2).map((i) => onEntries((entries) => entries.filter((_, n) => n !== i))), // a missing entry
  fc.constant(onEntries((entries) => [...entries].reverse())),
  oddValue.map((v) => () => v), // not an object at all
);

/** Text-level damage to the serialised journal. */
const textDamage: fc.Arbitrary<(s: string) => string> = fc.oneof(
  fc.constant((s: string) => s),
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => (s: string) => s.slice(0, Math.floor(at * s.length))),
  fc.constantFrom('\uFEFF', '\u0000', '{', ']', ',', '"').map((c) => (s: string) => c + s),
  fc.constantFrom('\n,', '}', '\u0000', '\\').map((c) => (s: string) => s + c),
);

describe('fuzz: damaged journals, in process', () => {
  it('lints or stops with a UsageError naming the journal; findings stay inside their files; nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), textDamage, async (damages, text) => {
        const broken = text(JSON.stringify(damages.reduce((j, d) => d(j), original), null, 2));
        const dir = tempProject({
          ...Object.fromEntries(TAGS.map((t) => [`drizzle/${t}.sql`, SQL[t]])),
          'drizzle/meta/_journal.json': broken,
        });
        const digests = () => readdirSync(join(dir, 'drizzle'), { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => `${e.name}:${createHash('sha256').update(readFileSync(join(e.parentPath ?? e.path, e.name))).digest('hex')}`)
          .sort();
        const before = digests();
        let run;
        try {
          run = await lintProject({ paths: ['drizzle'], cwd: dir });
        } catch (e) {
          expect(e, String(e)).toBeInstanceOf(UsageError);
          expect((e as Error).message).toMatch(/_journal\.json|drizzle\//);
          return;
        } finally {
          expect(digests()).toEqual(before);
        }
        for (const line of run.inputErrors) expect(line).toMatch(/^drizzle\/\S/);
        for (const file of run.result.results) {
          const lines = readFileSync(join(dir, file.filePath), 'utf8').split('\n').length;
          for (const m of file.messages) {
            expect(m.line, `${file.filePath} ${m.ruleId}`).toBeGreaterThanOrEqual(1);
            expect(m.line, `${file.filePath} ${m.ruleId}`).toBeLessThanOrEqual(lines);
            expect(m.column).toBeGreaterThanOrEqual(1);
          }
        }
        // The migrations are linted whatever the journal says: the DROP COLUMN is always found.
        const drop = run.result.results.find((r) => r.filePath === 'drizzle/0002_drop.sql');
        expect(drop?.messages.map((m) => m.ruleId)).toContain('dropping-column');
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(150) },
    );
  });
});
