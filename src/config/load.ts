import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import type { FileConfig } from './schema.js';

export const MODULE_NAME = 'migrationlint';

export interface LoadedConfig {
  config: FileConfig;
  /** Absolute path of the file it came from; undefined when none was found. */
  filepath?: string;
  /** The file as messages name it: as given with -c, else relative to the working folder. */
  shown?: string;
}

/** Config files cosmiconfig looks for, in its order (package.json counts only with a `migrationlint` key). */
export const CANDIDATES = [
  '.migrationlintrc',
  '.migrationlintrc.json',
  '.migrationlintrc.yaml',
  '.migrationlintrc.yml',
  '.migrationlintrc.js',
  '.migrationlintrc.cjs',
  '.migrationlintrc.mjs',
  'migrationlint.config.js',
  'migrationlint.config.mjs',
  'migrationlint.config.cjs',
  'migrationlint.config.ts',
  'package.json',
];

/** The first config file the search will read, walking from `cwd` up to the filesystem root. */
function firstCandidate(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = CANDIDATES.map((c) => resolve(dir, c)).find((p) => existsSync(p) && (!p.endsWith('package.json') || hasConfigKey(p)));
    if (found) return found;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A package.json is a config only with a `migrationlint` key; cosmiconfig reads past the others. */
function hasConfigKey(packageJson: string): boolean {
  try {
    const text = readFileSync(packageJson, 'utf8');
    // Most package.json files never mention it: no parse for them.
    if (!text.includes('"migrationlint"')) return false;
    try {
      return (JSON.parse(text) as Record<string, unknown>)[MODULE_NAME] !== undefined;
    } catch {
      return true; // broken JSON that mentions the key: let the loader report where
    }
  } catch {
    return false;
  }
}

/** Finds (or loads the given) config file with cosmiconfig and validates it. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const first = explicit ? undefined : firstCandidate(cwd);
  // cosmiconfig costs start-up time; skip it when there is nothing it could find.
  if (!explicit && !first) return { config: {} };
  // Errors name the file as the user typed it, or relative to the working folder when it was found.
  const shown = explicit ?? displayPath(first!, cwd);
  const { cosmiconfig } = await import('cosmiconfig');
  // cosmiconfig loads and parses the file (JSON, YAML, JS, TS); where to look is firstCandidate's
  // job: exactly the documented places, from the working folder up to the filesystem root, like
  // ESLint and Prettier.
  const explorer = cosmiconfig(MODULE_NAME, { searchPlaces: CANDIDATES, loaders: { '.ts': loadTs } });
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  const absolute = explicit ? resolve(cwd, explicit) : first!;
  try {
    // The search already happened (firstCandidate): load what it found instead of searching twice.
    found = await explorer.load(absolute);
  } catch (e) {
    // The TypeScript loader names the file by its absolute path.
    if (e instanceof UsageError) throw e.message.startsWith(absolute) ? new UsageError(shown + e.message.slice(absolute.length)) : e;
    const err = e as NodeJS.ErrnoException & { mark?: { line: number; column: number } };
    if (explicit && err.code === 'ENOENT' && !existsSync(resolve(cwd, explicit))) throw new UsageError(`${explicit}: config file not found`);
    const where = err.mark ? `:${err.mark.line + 1}:${err.mark.column + 1}` : '';
    // cosmiconfig prefixes "JSON Error in <file>:" on a line of its own; the file is named here already.
    const detail = String(err.message ?? e)
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^(JSON|YAML|TypeScript) Error in /.test(l));
    throw new UsageError(`${shown}${where}: cannot be read: ${detail ?? 'unknown error'}`);
  }
  if (!found || found.isEmpty) return { config: {}, filepath: found?.filepath, shown };
  // zod loads only when there is a config file to check.
  const { validateConfig } = await import('./validate.js');
  return { config: await validateConfig(found.config, shown), filepath: found.filepath, shown };
}

/** The TypeScript loader, loaded only for a .ts config (it brings node:crypto and node:module with it). */
async function loadTs(filepath: string, content: string): Promise<unknown> {
  const { loadTsConfig } = await import('./load-ts.js');
  return loadTsConfig(filepath, content);
}
