// Mutated and extreme migration files through the built CLI, in a child process: exit 0/1/2, no
// stack trace, every diagnostic with a file and a line, and the input files left byte-identical.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, expectWellBehaved, parseJsonOutput, runCli } from '../helpers/cli-process.js';
import { corpusSample, fuzzRuns, fuzzSeed, mutatedFile, sqlFilesUnder } from './mutations.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dml-fuzz-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Writes files (relative path → bytes) under a new folder of the temp root. */
function project(name: string, files: Record<string, Buffer | string>): string {
  const dir = join(root, name);
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), bytes);
  }
  return dir;
}

/** Lints a folder with the CLI; checks behaviour, output and that no input changed. */
function lintUnchanged(dir: string, extraArgs: string[] = []) {
  const inputs = sqlFilesUnder(dir);
  const before = inputs.map(digest);
  const run = runCli(['--format', 'json', '--preset', 'all', ...extraArgs, relative(root, dir)], { cwd: root, timeoutMs: 120_000 });
  expectWellBehaved(run);
  expect(inputs.map(digest)).toEqual(before);
  return { run, output: run.status === 2 ? undefined : parseJsonOutput(run.stdout) };
}

describe.skipIf(!existsSync(CORPUS))('fuzz: mutated corpus files through the CLI', () => {
  it('lints a folder of mutated files in one process', () => {
    const files = corpusSample(CORPUS, 40);
    const cases = fc.sample(mutatedFile(files), { seed: fuzzSeed, numRuns: fuzzRuns(60) });
    // Each mutated file in a folder of its own, after an intact history file.
    const layout: Record<string, Buffer> = {};
    cases.forEach((bytes, i) => {
      layout[`case-${i}/0000_history.sql`] = files[i % files.length];
      layout[`case-${i}/0001_fuzz.sql`] = bytes;
    });
    const dir = project('mutated', layout);
    const { run, output } = lintUnchanged(dir);
    expect(run.status).not.toBe(2);
    expect(output!.summary.files).toBe(cases.length * 2);
  });
});

describe('fuzz: extreme inputs through the CLI', () => {
  const table: [string, Record<string, Buffer | string>][] = [
    ['an empty file', { '0000_empty.sql': '' }],
    ['a file of comments only', { '0000_comments.sql': '-- nothing here\n/* nor /* nested */ here */\n' }],
    ['a file of breakpoints only', { '0000_breakpoints.sql': '--> statement-breakpoint\n'.repeat(50) }],
    ['a 1 MB single line', { '0000_line.sql': `INSERT INTO "t" ("v") VALUES ${Array.from({ length: 80_000 }, (_, i) => `(${i})`).join(', ')};` }],
    [
      '1,000-deep nested parentheses',
      { '0000_deep.sql': `CREATE TABLE "t" ("v" integer);\n--> statement-breakpoint\nSELECT ${'('.repeat(1000)}1${')'.repeat(1000)};\n--> statement-breakpoint\nALTER TABLE "t" ALTER COLUMN "v" SET NOT NULL;` },
    ],
    ['10,000-deep nested parentheses', { '0000_deeper.sql': `SELECT ${'('.repeat(10_000)}1${')'.repeat(10_000)};` }],
    ['NUL bytes', { '0000_nul.sql': 'CREATE TABLE "a" ("id" int);\0\n--> statement-breakpoint\nALTER TABLE "a" DROP COLUMN "id";\0' }],
    ['invalid UTF-8', { '0000_utf8.sql': Buffer.concat([Buffer.from('CREATE TABLE "'), Buffer.from([0xff, 0xc3, 0xed, 0xa0, 0x80]), Buffer.from('" ("id" int);')]) }],
    ['an unterminated dollar quote', { '0000_dollar.sql': 'DO $$ BEGIN\n ALTER TABLE "a" ADD CONSTRAINT "f" FOREIGN KEY ("b") REFERENCES "c"("id");\n--> statement-breakpoint\nCREATE TABLE "x" ("id" int);' }],
    ['an unterminated string and identifier', { '0000_quote.sql': `CREATE TABLE "a ("id" int);\n--> statement-breakpoint\nINSERT INTO "t" VALUES ('x);\n--> statement-breakpoint\nALTER TABLE "t" DROP COLUMN "v";` }],
  ];

  for (const [what, files] of table) {
    it(`survives ${what}`, () => {
      const dir = project(what.replace(/\W+/g, '-'), files);
      const { run, output } = lintUnchanged(dir);
      expect(run.status).not.toBe(2);
      expect(output!.summary.files).toBe(Object.keys(files).length);
    });
  }

  it('survives a 10 MB file', () => {
    const statement = (i: number) => `CREATE TABLE "t${i}" ("id" integer PRIMARY KEY, "name" text NOT NULL);\n--> statement-breakpoint\n`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      parts.push(statement(i));
      size += parts[parts.length - 1].length;
    }
    const dir = project('ten-mb', { '0000_big.sql': parts.join('') });
    const { run, output } = lintUnchanged(dir);
    expect(run.status).toBe(0);
    expect(output!.summary.statements).toBe(parts.length);
  });
});
