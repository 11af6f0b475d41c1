/** `drizzle-migration-lint init`: a starter .migrationlintrc.json that points at the drizzle-kit `out` folder. */
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { DEFAULTS } from '../config/schema.js';
import { CANDIDATES } from '../config/load.js';
import { findDrizzleConfig, nonPostgresDialect, readDrizzleConfig, type DrizzleConfig } from '../project/drizzle-config.js';
import type { Io } from './io.js';
import { readSquawkConfig, type SquawkSettings } from '../config/squawk-config.js';

export const CONFIG_FILE = '.migrationlintrc.json';

/** Config files the linter would pick up in this folder; init must not shadow or be shadowed by one. */
const OUR_CONFIGS = CANDIDATES.filter((f) => f !== 'package.json');

/** The drizzle config here, read statically; `problem` when its `out` cannot be read without running it. */
function detectDrizzleConfig(cwd: string): { config?: DrizzleConfig; file?: string; problem?: string } {
  const path = findDrizzleConfig(cwd);
  if (!path) return {};
  try {
    return { config: readDrizzleConfig(path, basename(path)), file: basename(path) };
  } catch (e) {
    if (e instanceof UsageError) return { file: basename(path), problem: e.message };
    throw e;
  }
}

function existingConfig(cwd: string): string | undefined {
  // lstat: a dangling symbolic link is there too (writing would follow it, or fail with EEXIST).
  const own = OUR_CONFIGS.find((f) => exists(join(cwd, f)));
  if (own) return own;
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (pkg.migrationlint !== undefined) return 'package.json ("migrationlint" key)';
  } catch {
    /* no package.json, or not ours to judge */
  }
  return undefined;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const SQUAWK_CONFIG = '.squawk.toml';

/** What init took from .squawk.toml, and what it could not. */
function squawkNote(squawk: SquawkSettings): string {
  const parts: string[] = [];
  if (squawk.off.length) parts.push('excluded_rules → rules off');
  if (squawk.postgresVersion) parts.push('pg_version → postgresVersion');
  if (!parts.length) parts.push('nothing to carry over');
  if (squawk.unmatched.length) parts.push(`no equivalent here for ${squawk.unmatched.join(', ')}`);
  if (squawk.ignoredKeys.length) parts.push(`not used: ${squawk.ignoredKeys.join(', ')}`);
  return `read ${SQUAWK_CONFIG}: ${parts.join('; ')}`;
}

/** Writes the starter config; refuses when the folder already has one. Returns the exit code. */
export function runInit(cwd: string, io: Io): number {
  const existing = existingConfig(cwd);
  if (existing) throw new UsageError(`init: ${existing} already configures drizzle-migration-lint; nothing was written`);
  const drizzle = detectDrizzleConfig(cwd);
  const dialect = drizzle.config && nonPostgresDialect(drizzle.config);
  if (dialect) throw new UsageError(`init: ${drizzle.file} has dialect "${dialect}"; drizzle-migration-lint checks PostgreSQL migrations only`);
  const dir = drizzle.config ? relative(cwd, drizzle.config.outDir).split(sep).join('/') || '.' : 'drizzle';
  const squawk = existsSync(join(cwd, SQUAWK_CONFIG)) ? readSquawkConfig(join(cwd, SQUAWK_CONFIG)) : undefined;
  // drizzle.config's `out` (or drizzle-kit's default ./drizzle) is read on every run: a copy in
  // "dir" would go stale when `out` changes, and a named "dir" must hold migrations, so a project
  // without any yet would fail its next run. Only a drizzle.config that cannot be read needs one.
  const config = {
    ...(drizzle.problem ? { dir } : {}),
    preset: DEFAULTS.preset,
    runner: DEFAULTS.runner,
    postgresVersion: squawk?.postgresVersion ?? DEFAULTS.postgresVersion,
    lockTimeoutSetByRunner: DEFAULTS.lockTimeoutSetByRunner,
    rules: Object.fromEntries((squawk?.off ?? []).map((id) => [id, 'off'])),
  };
  const text = JSON.stringify(config, null, 2) + '\n';
  try {
    writeFileSync(join(cwd, CONFIG_FILE), text, { flag: 'wx' });
  } catch (e) {
    throw new UsageError(`init: cannot write ${CONFIG_FILE} in this folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written`);
  }
  const source = drizzle.config
    ? `found ${drizzle.file}: migrations in ${dir}`
    : drizzle.file
      ? `could not read ${drizzle.file} (${drizzle.problem}); assumed ${dir}, drizzle-kit's default: check "dir"`
      : `no drizzle.config found; assumed ${dir} (drizzle-kit's default)`;
  const missing = existsSync(join(cwd, dir)) ? '' : `\nNote: ${dir} does not exist yet; drizzle-kit generate creates it.`;
  io.out(`Wrote ${CONFIG_FILE} (${source}${squawk ? `; ${squawkNote(squawk)}` : ''}):\n\n${text}${missing}\nNext: npx drizzle-migration-lint   (every option: see .migrationlintrc.example.json in the package)\n`);
  return 0;
}
