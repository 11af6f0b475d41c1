#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { main } from './cli/program.js';

// libpg-query and PGlite are large WASM modules. V8's optimising tier compiles them again in the
// background, and the process then waits for those compile jobs at exit: ~140 ms on every run, more
// than the optimised code ever saves a linter (measured in bench/RESULTS.md). Baseline code only.
// Set before any WASM is compiled (modules are compiled on first use, not on import).
// A run is too short for V8's default JavaScript tiering to pay back: a budget ~4x the default
// optimises fewer functions, later; measured 10% less wall and 30% less CPU on a 300-file folder
// and on the corpus, the same on one file and in verify (bench/RESULTS.md, session 3).
setFlagsFromString('--liftoff-only --interrupt-budget=300000');

// `drizzle-migration-lint … | head` closes the pipe early: stop quietly instead of crashing.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

// No top-level await: the bundle is CommonJS (see scripts/bundle-cli.mjs).
void main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}).then((code) => {
  process.exitCode = code;
});
