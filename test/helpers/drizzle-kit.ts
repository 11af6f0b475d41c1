/**
 * Runs the real drizzle-kit CLIs through each package's own entry, never node_modules/.bin: both
 * drizzle-kit 0.31 and 1.0 (installed as the alias drizzle-kit-beta) declare a `drizzle-kit` bin, so
 * which one .bin/drizzle-kit points to depends on npm's link order (the alias took it over when
 * installed). Throws (execFileSync) when the kit exits non-zero, with its output in the error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const MODULES = join(ROOT, 'node_modules');

/** drizzle-kit 0.31 in `cwd`; its config and schema resolve drizzle-kit/drizzle-orm 0.x through `cwd`/node_modules → the repo's. */
export function drizzleKit031(cwd: string, args: string[]): string {
  if (!existsSync(join(cwd, 'node_modules'))) symlinkSync(MODULES, join(cwd, 'node_modules'));
  return execFileSync(process.execPath, [join(MODULES, 'drizzle-kit/bin.cjs'), ...args], { cwd, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 });
}

/**
 * drizzle-kit 1.0.0-beta.24 in `cwd`. It must load the same drizzle-orm 1.0 as the schema file (it
 * recognises tables by class), but resolved from its real path it would find the repo's drizzle-orm
 * 0.45 (and fail on `drizzle-orm/_relations`). So `cwd`/node_modules gets drizzle-orm → drizzle-orm-beta
 * and drizzle-kit → drizzle-kit-beta, and node runs the kit through that link with --preserve-symlinks;
 * NODE_PATH lets the kit's other dependencies still resolve from the repo's node_modules.
 */
export function drizzleKit1(cwd: string, args: string[]): string {
  const modules = join(cwd, 'node_modules');
  if (!existsSync(modules)) {
    mkdirSync(modules);
    symlinkSync(join(MODULES, 'drizzle-orm-beta'), join(modules, 'drizzle-orm'));
    symlinkSync(join(MODULES, 'drizzle-kit-beta'), join(modules, 'drizzle-kit'));
  }
  return execFileSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(modules, 'drizzle-kit/bin.cjs'), ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: 60_000,
    env: { ...process.env, NODE_PATH: MODULES },
  });
}
