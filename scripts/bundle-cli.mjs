// Bundles the CLI into one file (dist/cli.js, plus dist/lint-worker.js for its worker thread) so that a cold start loads one module instead of ~60.
// tsc still type-checks and emits dist/ (the library entry and its declarations); this replaces only
// tsc's dist/cli.js. Dependencies that load lazily or ship their own files stay external.
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
  // libpg-query loads its .wasm next to itself; the others are imported only when needed.
  external: ['libpg-query', 'cosmiconfig', 'globby', 'chalk'],
  // commander is CommonJS and require()s Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});
