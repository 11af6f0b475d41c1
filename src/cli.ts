#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { main } from './cli/program.js';
import { v8Flags } from './cli/v8-flags.js';

// Before any WASM is compiled (modules are compiled on first use, not on import).
setFlagsFromString(v8Flags());

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
