import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import type { Runner } from '../migrations/types.js';
import { assignBatches } from './batches.js';
import type { ReadMigrationBytes } from './git.js';
import { discoverFolders, isDir } from './discover.js';
import { DRIZZLE_CONFIG_NAMES, findDrizzleConfig, nonPostgresDialect, readDrizzleConfig, type DrizzleConfig } from './drizzle-config.js';
import type { DrizzleFacts, MigrationFolder } from '../migrations/types.js';

export interface ProjectOptions {
  /** Files and folders named on the command line (globs already expanded). */
  paths: string[];
  cwd: string;
  /** --dir or the config's `dir`: the migrations folder, instead of reading drizzle.config. */
  dir?: string;
  since?: string;
  baseline?: string;
  runner: Runner;
  /** Collects unreadable folders, symbolic link loops and the like, which are then skipped. */
  inputErrors?: string[];
  /** A linter config file was found (e.g. written by `init`): a project set up for the linter before its first migration. */
  configured?: boolean;
  /** The run's reader of migration bytes, needed with `since` (see BaseOptions.read). */
  read?: ReadMigrationBytes;
}

export interface Project {
  folders: MigrationFolder[];
  /** The drizzle.config files read. */
  drizzleConfigs: string[];
}

/** How deep below the working folder a monorepo's drizzle.config files are looked for. */
const MAX_CONFIG_DEPTH = 4;
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '.vercel', '.output', 'vendor']);

/**
 * Finds what to lint: the named paths; else --dir / config `dir`; else drizzle.config.* here (read
 * statically); else drizzle.config.* files in subfolders (monorepos); else ./drizzle.
 */
export function findProject(options: ProjectOptions): Project {
  const { cwd } = options;
  let configs: DrizzleConfig[] = [];
  let paths = options.paths;
  const named = paths.length > 0;
  if (!named && options.dir) paths = [options.dir];
  if (!paths.length) {
    configs = drizzleConfigsFor(cwd);
    // An `out` that does not exist yet: no migration generated yet, nothing to lint (drizzle-kit
    // generate creates it). Linting nothing here is right, unlike a folder the user named.
    paths = configs.map((c) => c.outDir).filter((dir) => isDir(dir));
    if (!configs.length) {
      if (!isDir(join(cwd, 'drizzle')) && options.configured) return { folders: [], drizzleConfigs: [] };
      if (!isDir(join(cwd, 'drizzle'))) {
        throw new UsageError(
          `no migrations found: no ${DRIZZLE_CONFIG_NAMES.slice(0, 1)} (or .js/.mjs/.json) in ${cwd} or its subfolders, and no ./drizzle folder; name the folder: drizzle-migration-lint path/to/migrations`,
        );
      }
      paths = ['drizzle'];
    }
  } else {
    // Named folders still take the breakpoints/prefix facts of a drizzle.config here that points at them.
    const here = findDrizzleConfig(cwd);
    if (here) configs = [safeRead(here)].filter((c): c is DrizzleConfig => !!c);
  }
  const factsByDir = new Map(configs.map((c) => [resolve(c.outDir), factsOf(c)]));
  const folders = discoverFolders(paths, cwd, (dir) => factsByDir.get(resolve(dir)), options.inputErrors, named || !!options.dir);
  assignBatches(folders, { since: options.since, baseline: options.baseline, runner: options.runner, cwd, namedPaths: named, read: options.read });
  return { folders, drizzleConfigs: configs.map((c) => c.path) };
}

/** What the drizzle.config in `cwd` says about the migrations folder `dir`, when that config points at it. */
export function drizzleFactsFor(dir: string, cwd: string): DrizzleFacts | undefined {
  const here = findDrizzleConfig(cwd);
  const config = here ? safeRead(here) : undefined;
  return config && resolve(config.outDir) === resolve(dir) ? factsOf(config) : undefined;
}

function factsOf(c: DrizzleConfig): DrizzleFacts {
  return { configPath: c.path, ...c.migrations, ...(c.breakpoints !== undefined ? { breakpoints: c.breakpoints } : {}) };
}

function safeRead(path: string): DrizzleConfig | undefined {
  try {
    return readDrizzleConfig(path);
  } catch {
    return undefined;
  }
}

/** drizzle.config.* in cwd (a non-PostgreSQL dialect is an error), else in subfolders (non-PostgreSQL ones skipped). */
function drizzleConfigsFor(cwd: string): DrizzleConfig[] {
  const here = findDrizzleConfig(cwd);
  if (here) {
    const shown = displayPath(here, cwd);
    const config = readDrizzleConfig(here, shown);
    const dialect = nonPostgresDialect(config);
    if (dialect) throw new UsageError(`${shown}: dialect "${dialect}" is not PostgreSQL; drizzle-migration-lint only checks PostgreSQL migrations`);
    return [config];
  }
  const found: string[] = [];
  findConfigsBelow(cwd, 1, found);
  const configs = found.map((p) => readDrizzleConfig(p, displayPath(p, cwd)));
  const pg = configs.filter((c) => !nonPostgresDialect(c) && isDir(c.outDir));
  if (configs.length && !pg.length) {
    const list = configs.map((c) => `${relative(cwd, c.path)} (${nonPostgresDialect(c) ? `dialect ${c.dialect}` : 'out folder missing'})`).join(', ');
    throw new UsageError(`no PostgreSQL migrations found: ${list}`);
  }
  // Two configs with the same out folder (dev/prod) lint it once.
  const seen = new Set<string>();
  return pg.filter((c) => !seen.has(resolve(c.outDir)) && seen.add(resolve(c.outDir)));
}

function findConfigsBelow(dir: string, depth: number, out: string[]): void {
  if (depth > MAX_CONFIG_DEPTH) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.') || SKIP.has(e.name)) continue;
    const sub = join(dir, e.name);
    const config = findDrizzleConfig(sub);
    if (config) out.push(config);
    findConfigsBelow(sub, depth + 1, out);
  }
}
