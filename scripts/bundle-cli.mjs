// Bundles the CLI into one CommonJS file, dist/cli.cjs (the package's `bin`), so that a cold start
// loads one module instead of ~60. CommonJS because Node 20 loads one CJS file ~20 ms faster than
// the ESM loader does, and commander (CJS) is bundled in for the same reason. tsc still type-checks
// and emits dist/ (the library entry and its declarations); its unbundled dist/cli.js is removed.
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The GitHub Action builds the CLI with an esbuild installed on its own (DML_ESBUILD, its package
// folder), so that it installs no devDependencies (action/run.sh).
const { build } = process.env.DML_ESBUILD
  ? await import(pathToFileURL(`${process.env.DML_ESBUILD}/lib/main.js`).href).then((m) => m.default ?? m)
  : await import('esbuild');
const cliOnly = process.argv.includes('--cli-only');

const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // Other packages stay in node_modules, where they find their own files (libpg-query's and PGlite's
  // WASM) and load only when used (cosmiconfig, chalk, globby, PGlite, pg, zod). Their dynamic
  // import() calls stay import(), so ESM-only packages load as before.
  external: Object.keys(dependencies).filter((name) => name !== 'commander'),
  // Our modules find the package's own files (docs, package.json) from their URL.
  define: { 'import.meta.url': '__bundleUrl' },
  // "use strict" first: our modules are written as ES modules, which are always strict.
  banner: { js: '"use strict";\nconst __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
if (!cliOnly) {
// The library for CommonJS callers: `require('drizzle-migration-lint')` (package.json's `require`
// condition) works on every Node >= 20 without require(esm), whose ExperimentalWarning Node 20.19
// and 22 print. Same externals: ESM-only packages (chalk, globby) load through import(), which CJS has.
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  external: Object.keys(dependencies),
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: '"use strict";\nconst __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
}
rmSync('dist/cli.js', { force: true });
rmSync('dist/cli.d.ts', { force: true });
