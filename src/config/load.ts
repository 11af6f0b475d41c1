import { existsSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { configSchema, type FileConfig } from './schema.js';

export const MODULE_NAME = 'migrationlint';

export interface LoadedConfig {
  config: FileConfig;
  /** Absolute path of the file it came from; undefined when none was found. */
  filepath?: string;
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

/** True when a folder from `cwd` up to the filesystem root holds a possible config file. */
function anyCandidate(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (CANDIDATES.some((c) => existsSync(resolve(dir, c)))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** Finds (or loads the given) config file with cosmiconfig and validates it. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  // cosmiconfig costs start-up time; skip it when there is nothing it could find.
  if (!explicit && !anyCandidate(cwd)) return { config: {} };
  const { cosmiconfig } = await import('cosmiconfig');
  // Search from the working folder up to the filesystem root, like ESLint and Prettier.
  const explorer = cosmiconfig(MODULE_NAME, { searchStrategy: 'global', stopDir: parse(resolve(cwd)).root });
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  const shown = explicit ?? 'config';
  try {
    found = explicit ? await explorer.load(resolve(cwd, explicit)) : await explorer.search(cwd);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { mark?: { line: number; column: number } };
    if (err.code === 'ENOENT') throw new UsageError(`${shown}: config file not found`);
    const where = err.mark ? `:${err.mark.line + 1}:${err.mark.column + 1}` : '';
    const firstLine = String(err.message ?? e).split('\n')[0];
    throw new UsageError(`${err.code === 'ENOENT' ? shown : (explicit ?? 'config file')}${where}: cannot be read: ${firstLine}`);
  }
  if (!found || found.isEmpty) return { config: {}, filepath: found?.filepath };
  return { config: validateConfig(found.config, found.filepath), filepath: found.filepath };
}

/** Checks a config object; the error names the file, the key and what is allowed. */
export function validateConfig(raw: unknown, filepath: string): FileConfig {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue.path.join('.') || '(root)';
  let detail = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(configSchema.shape).filter((k) => k !== '$schema');
    detail = `unknown key "${issue.keys.join('", "')}"; allowed keys: ${allowed.join(', ')}`;
    return fail(filepath, issue.path.length ? key : issue.keys[0], detail);
  }
  if (issue.code === 'invalid_enum_value') detail = `"${String((issue as { received?: unknown }).received)}" is not allowed; use one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
  return fail(filepath, key, detail);
}

function fail(filepath: string, key: string, detail: string): never {
  throw new UsageError(`${filepath}: ${key}: ${detail}`);
}
