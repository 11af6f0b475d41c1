/** Byte-level mutations of migration files for the fuzz suites. */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BREAKPOINT = Buffer.from('\n--> statement-breakpoint\n');

/** Every .sql file under a folder, sorted, so that samples are stable. */
export function sqlFilesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sqlFilesUnder(p, out);
    else if (e.name.endsWith('.sql')) out.push(p);
  }
  return out;
}

/** Every nth corpus file: a spread over projects and drizzle-kit versions. */
export function corpusSample(corpus: string, every: number): Buffer[] {
  return sqlFilesUnder(corpus)
    .filter((_, i) => i % every === 0)
    .map((f) => readFileSync(f));
}

function splice(buf: Buffer, at: number, remove: number, insert: Buffer | string): Buffer {
  const i = Math.min(at, buf.length);
  return Buffer.concat([buf.subarray(0, i), Buffer.from(insert as never), buf.subarray(Math.min(buf.length, i + remove))]);
}

/** A mutation: given a file, returns a damaged copy. `at` is a fraction of the length. */
export type Mutation = (buf: Buffer) => Buffer;

const position = fc.double({ min: 0, max: 1, noNaN: true });
const pos = (buf: Buffer, at: number) => Math.floor(at * buf.length);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  position.map((at) => (b: Buffer) => b.subarray(0, pos(b, at))), // truncate anywhere
  fc.tuple(position, fc.integer({ min: 0, max: 7 })).map(([at, bit]) => (b: Buffer) => {
    const c = Buffer.from(b);
    if (c.length) c[Math.min(pos(c, at), c.length - 1)] ^= 1 << bit; // flip a bit
    return c;
  }),
  fc.tuple(position, fc.constantFrom("'", '"', '$$', '$tag$', '/*', '(', ')', ';', 'E\'\\')).map(([at, s]) => (b: Buffer) => splice(b, pos(b, at), 0, s)), // unbalance quotes, dollar quotes, comments
  position.map((at) => (b: Buffer) => splice(b, pos(b, at), 0, Buffer.from([0]))), // NUL byte
  fc
    .tuple(position, fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xff]))
    .map(([at, bytes]) => (b: Buffer) => splice(b, pos(b, at), 0, Buffer.from(bytes))), // invalid UTF-8
  fc.tuple(position, fc.integer({ min: 1, max: 200 })).map(([at, n]) => (b: Buffer) => splice(b, pos(b, at), n, '')), // delete a span
  position.map((at) => (b: Buffer) => splice(b, pos(b, at), 0, BREAKPOINT)), // breakpoint anywhere
  fc.tuple(position, fc.integer({ min: 1, max: 1000 })).map(([at, depth]) => (b: Buffer) => splice(b, pos(b, at), 0, '('.repeat(depth) + '1' + ')'.repeat(depth))), // deep nesting
  fc.tuple(position, position, fc.integer({ min: 1, max: 400 })).map(([from, to, n]) => (b: Buffer) => {
    const s = pos(b, from);
    return splice(b, pos(b, to), 0, b.subarray(s, s + n)); // duplicate a span elsewhere
  }),
);

/** A corpus file with one to three mutations applied. */
export function mutatedFile(files: Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([file, ms]) => ms.reduce((b, m) => m(b), file));
}

/** Seed and run count: fixed by default so CI is reproducible; FUZZ_SEED / FUZZ_RUNS explore further. */
export const fuzzSeed = Number(process.env.FUZZ_SEED) || 20261124;
export const fuzzRuns = (n: number) => Number(process.env.FUZZ_RUNS) || n;
