// Checks that a change leaves the linter's output unchanged: builds <base-ref> in a temporary git
// worktree (node_modules linked, not installed), runs both CLIs over the real-world corpus in each
// output format, and fails naming the first differing line. Used on every commit of a refactoring.
//
//   npm run corpus-identical -- <base-ref> [--corpus <dir>] [--format json,sarif,text] [--no-build]
//
// --no-build reuses this tree's dist/ as it is. Exit 0 identical, 1 a difference, 2 usage/build error.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
let base;
let corpus = resolve('../shared/corpus/drizzle-pg');
let formats = ['json', 'sarif', 'text'];
let buildHere = true;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--corpus') corpus = resolve(args[++i]);
  else if (a === '--format') formats = args[++i].split(',');
  else if (a === '--no-build') buildHere = false;
  else if (!a.startsWith('-') && base === undefined) base = a;
  else fail(`unknown argument ${a}`);
}
if (base === undefined) fail('usage: npm run corpus-identical -- <base-ref> [--corpus <dir>] [--format json,sarif,text] [--no-build]');
if (!existsSync(corpus)) fail(`corpus not found: ${corpus}`);

const root = process.cwd();
const baseCommit = git(['rev-parse', '--verify', `${base}^{commit}`]).trim();
const tree = mkdtempSync(join(tmpdir(), 'corpus-identical-'));
let status = 0;
try {
  git(['worktree', 'add', '--detach', '--quiet', tree, baseCommit]);
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
  build(tree);
  if (buildHere) build(root);
  // Both CLIs run from this tree's root with the same relative corpus path, so file paths in the
  // output are comparable.
  const target = relative(root, corpus) || '.';
  for (const format of formats) {
    const before = run(join(tree, 'dist/cli.cjs'), format, target);
    const after = run(join(root, 'dist/cli.cjs'), format, target);
    const diff = firstDifference(before, after);
    if (diff) {
      console.error(`corpus-identical: --format ${format} differs from ${base} (${baseCommit.slice(0, 7)}): ${diff}`);
      status = 1;
      break;
    }
    console.log(`corpus-identical: --format ${format}: identical (${before.stdout.length} bytes, exit ${before.status})`);
  }
} finally {
  spawnSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'ignore' });
  rmSync(tree, { recursive: true, force: true });
  spawnSync('git', ['worktree', 'prune'], { stdio: 'ignore' });
}
process.exit(status);

function run(cli, format, target) {
  const r = spawnSync(process.execPath, [cli, '--format', format, target], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error) fail(`${cli}: ${r.error.message}`);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function firstDifference(a, b) {
  if (a.status !== b.status) return `exit code ${a.status} → ${b.status}`;
  for (const stream of ['stdout', 'stderr']) {
    if (a[stream] === b[stream]) continue;
    const x = a[stream].split('\n');
    const y = b[stream].split('\n');
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if (x[i] !== y[i]) return `${stream} line ${i + 1}:\n  before: ${x[i] ?? '(end)'}\n  after:  ${y[i] ?? '(end)'}`;
    }
  }
  return undefined;
}

function build(dir) {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) fail(`build failed in ${dir}:\n${r.stdout}${r.stderr}`);
}

function git(argv) {
  return execFileSync('git', argv, { cwd: process.cwd(), encoding: 'utf8' });
}

function fail(message) {
  console.error(`corpus-identical: ${message}`);
  process.exit(2);
}
