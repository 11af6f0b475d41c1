// npm's `prepare` script: runs after `npm install` in this repository and when the package is
// installed from git (`npm i -D git+https://…`, pre-commit ≥ 4's `npm install -g <git url>`), where
// dist/ does not exist because it is not committed. npm installs the devDependencies (tsc, esbuild)
// for a git dependency's prepare. From the registry tarball dist/ is already there and this is not run.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

// The repository's own `npm ci` with a fresh dist/ needs no second build.
if (!existsSync('dist/cli.cjs') || !existsSync('dist/index.cjs') || process.env.DML_FORCE_BUILD) {
  // Output to stderr: pre-commit reads `npm pack`'s stdout for the tarball name.
  execSync('npm run build', { stdio: ['ignore', 2, 2] });
}
