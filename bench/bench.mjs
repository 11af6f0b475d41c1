#!/usr/bin/env node
// Cold-process benchmark of the built CLI against squawk on the shared drizzle corpus.
//
//   npm run bench                      # 7 runs per input and tool
//   npm run bench -- --runs 11         # more runs
//   npm run bench -- --write           # also record the table in bench/RESULTS.md
//
// Each run is a new process (node dist/cli.cjs … / the squawk binary), so start-up, module loading
// and parser loading are all counted. Runs of the two tools alternate so that both see the same
// machine load. Peak RSS comes from /usr/bin/time when it exists.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = resolve(ROOT, '../shared/corpus/drizzle-pg');
const CLI = join(ROOT, 'dist/cli.cjs');
const RESULTS = join(ROOT, 'bench/RESULTS.md');
const TIME = '/usr/bin/time';
const TARGETS = { ratio: 1.0, oneFileMs: 150, corpusRssMb: 250 };

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const write = args.includes('--write');

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

if (!existsSync(CLI)) fail('dist/cli.cjs is missing: run `npm run build` first');
if (!existsSync(CORPUS)) fail(`${CORPUS}: corpus not found`);

/** The native squawk binary that the squawk-cli package installs for this platform. */
function squawkBinary() {
  const require = createRequire(join(ROOT, 'package.json'));
  const exe = process.platform === 'win32' ? 'squawk.exe' : 'squawk';
  try {
    return require.resolve(`@squawk-cli/${process.platform}-${process.arch}/bin/${exe}`);
  } catch {
    fail('squawk-cli is not installed for this platform (npm ci installs it as a devDependency)');
  }
}

function sqlFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sqlFiles(p, out);
    else if (e.name.endsWith('.sql')) out.push(p);
  }
  return out;
}

/** The project folder with the most SQL bytes, its newest migration, and the whole corpus. */
function inputs() {
  let largest;
  for (const name of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, name);
    if (!statSync(dir).isDirectory()) continue;
    const files = sqlFiles(dir);
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    if (!largest || bytes > largest.bytes) largest = { dir, files, bytes };
  }
  // The newest migration of the project's largest migrations folder: what a pre-commit hook lints
  // after `drizzle-kit generate`. Linting it replays the folder's whole history, as it must.
  const byFolder = new Map();
  for (const f of largest.files.filter((f) => /^\d{4}_/.test(basename(f)))) byFolder.set(dirname(f), [...(byFolder.get(dirname(f)) ?? []), f]);
  const [folder, numbered] = [...byFolder].sort((a, b) => b[1].length - a[1].length)[0];
  const newest = numbered.sort().pop();
  // Linted inside a project that has node_modules (a symlink to the corpus folder: nothing is
  // copied), as in real use, so that the history cache has its usual home.
  const project = mkdtempSync(join(os.tmpdir(), 'dml-bench-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(folder, join(project, 'migrations'));
  process.on('exit', () => rmSync(project, { recursive: true, force: true }));
  const all = sqlFiles(CORPUS);
  return [
    { name: 'one file', path: join(project, 'migrations', basename(newest)), files: [newest], history: numbered.length, cached: true },
    { name: 'largest project', path: largest.dir, files: largest.files, glob: true },
    { name: 'whole corpus', path: CORPUS, files: all, glob: true },
  ];
}

const hasTime = existsSync(TIME);

/** Runs a command once; wall time from here, CPU and peak RSS from /usr/bin/time when present. */
function runOnce(cmd, cmdArgs, env = {}) {
  const full = hasTime ? [TIME, ['-f', '__BENCH__ %M %U %S', cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd: ROOT, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, ...env } });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  const status = r.status;
  let rssKb, cpuMs;
  const m = /__BENCH__ (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (m) {
    rssKb = Number(m[1]);
    cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
  }
  return { wallMs, cpuMs, rssKb, status, stdout: r.stdout, stderr: r.stderr.replace(/.*__BENCH__.*\n?/, '') };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function summarize(samples) {
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs).filter((x) => x !== undefined);
  const rss = samples.map((s) => s.rssKb).filter((x) => x !== undefined);
  return {
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpu: cpu.length ? median(cpu) : undefined,
    rssMb: rss.length ? Math.max(...rss) / 1024 : undefined,
  };
}

function machine() {
  const cpus = os.cpus();
  let squawkVersion = '?';
  try {
    squawkVersion = execFileSync(squawkBinary(), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* reported as ? */
  }
  const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  return {
    cpu: `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    tools: `drizzle-migration-lint ${ours}, ${squawkVersion}`,
    'bare node -e 0': `${Math.round(bareNode.median)} ms median (${Math.round(bareNode.min)}–${Math.round(bareNode.max)})`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

const squawk = squawkBinary();
// What a process costs before any of our code runs, to read the one-file figure against.
const bareNode = summarize(Array.from({ length: runs }, () => runOnce(process.execPath, ['-e', '0'])));
const rows = [];
for (const input of inputs()) {
  // Equivalent settings: JSON output, Postgres 15 (our default), each file in a transaction (drizzle's
  // runner). squawk takes globs for folders; we take the folder.
  const target = relative(ROOT, input.path);
  const ourArgs = [CLI, '--format', 'json', '--pg-version', '15', target];
  const sqArgs = ['--reporter', 'json', '--pg-version', '15.0', '--assume-in-transaction', input.glob ? `${target}/**/*.sql` : target];
  const ours = [];
  const theirs = [];
  // With a history to replay: the default run reuses the cached replay (one unmeasured run fills the
  // cache), and this row replays the history every time.
  const noCache = input.cached ? [] : undefined;
  if (input.cached) runOnce(process.execPath, ourArgs);
  for (let i = 0; i < runs; i++) {
    ours.push(runOnce(process.execPath, ourArgs));
    theirs.push(runOnce(squawk, sqArgs));
    noCache?.push(runOnce(process.execPath, [...ourArgs, '--no-cache']));
  }
  if (noCache && noCache[0].stdout !== ours[0].stdout) fail('one file: the output with the history cache differs from the output without it');
  for (const [tool, samples] of [['drizzle-migration-lint', ours], ['squawk', theirs], ['drizzle-migration-lint --no-cache', noCache ?? []]]) {
    const bad = samples.find((s) => s.status !== 0 && s.status !== 1);
    if (bad) fail(`${tool} on ${input.name} exited ${bad.status}: ${bad.stderr.split('\n')[0]}`);
  }
  const statements = JSON.parse(ours[0].stdout).summary.statements;
  rows.push({ input, statements, ours: summarize(ours), squawk: summarize(theirs), noCache: noCache && summarize(noCache) });
}

const ms = (x) => `${Math.round(x)} ms`;
const fmt = (s) => ({
  wall: ms(s.median),
  spread: `${Math.round(s.min)}–${Math.round(s.max)}`,
  cpu: s.cpu === undefined ? 'n/a' : ms(s.cpu),
  rss: s.rssMb === undefined ? 'n/a' : `${s.rssMb.toFixed(0)} MB`,
});
const header = ['input', 'files', 'statements', 'tool', 'median wall', 'min–max ms', 'median CPU', 'statements/s', 'peak RSS', 'ours/squawk'];
const table = [header, header.map(() => '---')];
for (const r of rows) {
  const tools = [
    [r.input.cached ? 'drizzle-migration-lint, history cached' : 'drizzle-migration-lint', r.ours],
    ...(r.noCache ? [['drizzle-migration-lint, --no-cache (history replayed)', r.noCache]] : []),
    ['squawk (native)', r.squawk],
  ];
  for (const [tool, s] of tools) {
    const f = fmt(s);
    const ratio = tool === 'squawk (native)' ? '' : (s.median / r.squawk.median).toFixed(2);
    table.push([r.input.name, String(r.input.files.length), String(r.statements), tool, f.wall, f.spread, f.cpu, String(Math.round(r.statements / (s.median / 1000))), f.rss, ratio]);
  }
}

const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const text = table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).filter((_, i) => i !== 1).join('\n');
const md = table.map((row) => `| ${row.join(' | ')} |`).join('\n');

const [one, , corpus] = rows;
const checks = [
  ['whole corpus ours/squawk ≤ 1.0', corpus.ours.median / corpus.squawk.median <= TARGETS.ratio, (corpus.ours.median / corpus.squawk.median).toFixed(2)],
  // One decimal: the figure sits at the line, and a rounded "150 ms" next to "NOT met" reads as a bug.
  [`one file ≤ ${TARGETS.oneFileMs} ms wall`, one.ours.median <= TARGETS.oneFileMs, `${one.ours.median.toFixed(1)} ms`],
  [
    `peak RSS on the corpus ≤ ${TARGETS.corpusRssMb} MB`,
    corpus.ours.rssMb !== undefined && corpus.ours.rssMb <= TARGETS.corpusRssMb,
    corpus.ours.rssMb === undefined ? 'n/a' : `${corpus.ours.rssMb.toFixed(0)} MB`,
  ],
];
const m = machine();
const machineLines = Object.entries(m).map(([k, v]) => `- ${k}: ${v}`);
const targetLines = checks.map(([what, ok, got]) => `- ${ok ? 'met' : 'NOT met'}: ${what} (measured ${got})`);

process.stdout.write(`${text}\n\n${runs} cold runs per tool and input, alternating.\n${targetLines.join('\n')}\n${machineLines.join('\n')}\n`);

if (write) {
  const section = `<!-- bench:begin -->\n${md}\n\n${runs} cold runs per tool and input, alternating. Targets:\n\n${targetLines.join('\n')}\n\nMachine:\n\n${machineLines.join('\n')}\n<!-- bench:end -->`;
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const next = /<!-- bench:begin -->[\s\S]*<!-- bench:end -->/.test(old)
    ? old.replace(/<!-- bench:begin -->[\s\S]*<!-- bench:end -->/, section)
    : `${old}\n${section}\n`;
  writeFileSync(RESULTS, next);
  process.stdout.write(`wrote ${relative(ROOT, RESULTS)}\n`);
}
