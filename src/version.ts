import { readFileSync } from 'node:fs';

/**
 * The package's root folder. This module sits one level below it both in src/ and in dist/ (the
 * bundled dist/cli.cjs included), so paths into the package resolve from here.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);

/** What the package's own package.json says (read next to dist/: works from source and from the tarball). */
export interface PackageJson {
  version: string;
  repository?: string | { url?: string; directory?: string };
}

export const PACKAGE_JSON: PackageJson = (() => {
  try {
    return JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as PackageJson;
  } catch {
    return { version: '0.0.0' };
  }
})();

/** The package version. */
export const VERSION: string = PACKAGE_JSON.version;
