// Bundles the CLI into one file (dist/cli.js) so that a cold start loads one module instead of ~60.
// tsc still type-checks and emits dist/ (the library entry and its declarations); this replaces only
// tsc's dist/cli.js.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
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
