import { readFileSync } from 'node:fs';

/**
 * The package's root folder. This module sits one level below it both in src/ and in dist/ (the
 * bundled dist/cli.cjs included), so paths into the package resolve from here.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);

/** The package version, read from package.json next to dist/ (works from source and from the tarball). */
export const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
