// Bundles the CLI into one file (dist/cli.js, plus dist/lint-worker.js for its worker thread) so that a cold start loads one module instead of ~60.
// tsc still type-checks and emits dist/ (the library entry and its declarations); this replaces only
// tsc's dist/cli.js.
import { build } from 'esbuild';

await build({
  // The CLI and the worker thread it starts for large runs (src/engine/lint-parallel.ts).
  entryPoints: ['src/cli.ts', 'src/lint-worker.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  allowOverwrite: true,
  logLevel: 'warning',
  // Our own modules only: packages stay in node_modules, where they find their own files (libpg-query's
  // and PGlite's WASM) and load only when used (cosmiconfig, chalk, globby, PGlite).
  packages: 'external',
});
