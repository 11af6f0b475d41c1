// npm's `prepare` script: runs after `npm install` in this repository and when the package is
// installed from git (`npm i -D git+https://…`, pre-commit ≥ 4.6.1's `npm install -g git+file://…`),
// where dist/ does not exist because it is not committed. npm installs the devDependencies (tsc,
// esbuild) for a git dependency's prepare. From the registry tarball dist/ is already there and this
// is not run.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

// The repository's own `npm ci` with a fresh dist/ needs no second build.
if (!existsSync('dist/cli.cjs') || !existsSync('dist/index.cjs') || process.env.DML_FORCE_BUILD) {
  // Under `npm install -g <git url>` npm hands npm_config_global=true (and the global prefix) down to
  // the install it runs in the clone for this script (measured with npm 11.19), so the devDependencies
  // land in the global prefix, not here, and tsc finds no @types/node. Install them here, locally.
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^npm_config_(global|prefix|location)$/i.test(name)) delete env[name];
  if (!existsSync('node_modules/typescript/package.json') || !existsSync('node_modules/@types/node/package.json')) {
    execSync('npm install --global=false --include=dev --no-save --ignore-scripts --no-audit --no-fund --loglevel=error', { stdio: ['ignore', 2, 2], env });
  }
  // Output to stderr: pre-commit reads `npm pack`'s stdout for the tarball name.
  execSync('npm run build', { stdio: ['ignore', 2, 2], env });
}
