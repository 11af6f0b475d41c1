// Holds the layering of docs/ARCHITECTURE.md: every import in src/ goes to the same folder or a
// lower layer, no two folders import each other (directly or round a cycle), and the layers below
// the application layer never touch the file system.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(fileURLToPath(new URL('../../src', import.meta.url)));

/** Lowest first. A module is a folder of src/ or a file at its root. */
export const LAYERS: readonly string[] = [
  'errors.ts', // UsageError, thrown by any layer
  'sql', // parser, AST accessors, statement classifiers, the qualified-name codec
  'migrations', // the migrations folder as data: files, journal, runner, display paths
  'schema', // the schema model replayed from the statements
  'pg', // Postgres facts: lock modes, type changes, volatility, identifier limits
  'rules', // rule modules, registry, rule-context helpers
  'linter', // the core: rule loop, transactions, suppressions, severities, result model; no I/O
  'project', // discovery: drizzle.config, folders, journal, git, batches
  'config', // config files
  'version.ts', // reads package.json
  'app', // one run: config + discovery + the one reader of migration text + history cache + parser load
  'db', // connections to a user's database: URL checks, redaction, a read-only session with timeouts
  'catalog', // reads a live database's catalog into comparable data (drift, down and fix proofs)
  'verify', // applies migrations to a real Postgres; on the application layer
  'fix', // rewrites pending migrations into the safe sequence; on the application layer
  'status', // what a database's migrations table says against the folder
  'drift', // the live catalog or drizzle-kit's last snapshot against the replayed migrations
  'down', // the reverse migration from the schema model before and after each statement
  'reporters', // text, json, sarif, github, gitlab, markdown
  'cli', // commands
  'index.ts', // the programmatic API
  'cli.ts', // the bin entry
];

/** Layers that must stay free of I/O: no file system, no processes, no working directory. */
const PURE = ['sql', 'migrations', 'schema', 'pg', 'rules', 'linter'];
const IO_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process']);

interface Import {
  from: string;
  to: string;
  line: number;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (name.endsWith('.ts')) yield p;
  }
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g;

/** Every import of a file (static, re-export, type-only and dynamic), relative ones resolved to src/ paths. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const out: Import[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[2];
    const line = code.slice(0, m.index).split('\n').length;
    const to = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).split(sep).join('/').replace(/\.js$/, '.ts') : spec;
    out.push({ from: relative(SRC, file).split(sep).join('/'), to, line });
  }
  return out;
}

/** The layer module of a src/ path: its top folder, or the file itself at the root. */
export function moduleOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : path;
}

export function layerViolations(imports: readonly Import[]): string[] {
  const problems: string[] = [];
  for (const i of imports) {
    const from = moduleOf(i.from);
    if (PURE.includes(from) && IO_MODULES.has(i.to)) problems.push(`${i.from}:${i.line} uses ${i.to}, but ${from}/ must not do I/O`);
    if (i.to === 'libpg-query' || i.to.startsWith('libpg-query/')) {
      if (from !== 'sql') problems.push(`${i.from}:${i.line} imports the parser (${i.to}); parser calls stay in sql/`);
    }
    if (i.to.startsWith('.') || !i.to.includes('/') && !i.to.endsWith('.ts')) continue;
    if (!i.to.endsWith('.ts') || i.to.startsWith('..')) continue;
    const to = moduleOf(i.to);
    if (to === from) continue;
    const a = LAYERS.indexOf(from);
    const b = LAYERS.indexOf(to);
    if (a < 0) problems.push(`${i.from}: ${from} is in no layer (add it to LAYERS in test/architecture/layers.test.ts and docs/ARCHITECTURE.md)`);
    else if (b < 0) problems.push(`${i.from}:${i.line} imports ${i.to}: ${to} is in no layer`);
    else if (b >= a) problems.push(`${i.from}:${i.line} imports ${i.to}: ${from} may import only layers below it, and ${to} is ${b === a ? 'beside' : 'above'} it`);
  }
  return problems;
}

/** Cycles in the graph of imports between modules (folders), each as a path a → b → … → a. */
export function moduleCycles(imports: readonly Import[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!i.to.endsWith('.ts') || i.to.startsWith('..')) continue;
    const a = moduleOf(i.from);
    const b = moduleOf(i.to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  const cycles = new Set<string>();
  const visit = (node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const cycle = path.slice(at);
        // One spelling per cycle: start at its smallest module.
        const start = cycle.indexOf([...cycle].sort()[0]);
        cycles.add([...cycle.slice(start), ...cycle.slice(0, start), cycle[start]].join(' → '));
      } else visit(next, [...path, next]);
    }
  };
  for (const node of edges.keys()) visit(node, [node]);
  return [...cycles].sort();
}

const imports = [...sourceFiles(SRC)].flatMap((f) => importsOf(f));

describe('layers of src/', () => {
  it('reads the imports it checks', () => {
    // A parsing slip here would make the other tests pass vacuously.
    expect(imports.length).toBeGreaterThan(500);
    expect(imports).toContainEqual(expect.objectContaining({ from: 'cli/program.ts', to: 'commander' }));
    expect(imports).toContainEqual(expect.objectContaining({ from: 'app/lint-project.ts', to: 'linter/lint.ts' }));
  });

  it('every folder and root file of src/ is in a layer', () => {
    const modules = new Set(imports.map((i) => moduleOf(i.from)));
    expect([...modules].filter((m) => !LAYERS.includes(m))).toEqual([]);
  });

  it('imports go only to the same folder or a lower layer; the core layers do no I/O; the parser stays in sql/', () => {
    expect(layerViolations(imports)).toEqual([]);
  });

  it('no cycle between folders', () => {
    expect(moduleCycles(imports)).toEqual([]);
  });

  it('catches an upward import, I/O in the core and a cycle', () => {
    const planted: Import[] = [
      { from: 'rules/x.ts', to: 'linter/transactions.ts', line: 1 },
      { from: 'linter/y.ts', to: 'node:fs', line: 2 },
      { from: 'linter/y.ts', to: 'rules/x.ts', line: 3 },
    ];
    expect(layerViolations(planted)).toEqual([
      'rules/x.ts:1 imports linter/transactions.ts: rules may import only layers below it, and linter is above it',
      'linter/y.ts:2 uses node:fs, but linter/ must not do I/O',
    ]);
    expect(moduleCycles(planted)).toEqual(['linter → rules → linter']);
  });
});
