/** `drizzle-migration-lint init`: a starter .migrationlintrc.json that points at the drizzle-kit `out` folder. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { DEFAULTS } from '../config/schema.js';
import { CANDIDATES } from '../config/load.js';
import type { Io } from './program.js';

export const CONFIG_FILE = '.migrationlintrc.json';

const DRIZZLE_CONFIGS = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs', 'drizzle.config.json'];

/** Config files the linter would pick up in this folder; init must not shadow or be shadowed by one. */
const OUR_CONFIGS = CANDIDATES.filter((f) => f !== 'package.json');

export interface DrizzleConfigInfo {
  file: string;
  out?: string;
  dialect?: string;
}

/** Reads `out` and `dialect` from the drizzle config as text: the config is never executed. */
export function detectDrizzleConfig(cwd: string): DrizzleConfigInfo | undefined {
  const file = DRIZZLE_CONFIGS.find((f) => existsSync(join(cwd, f)));
  if (!file) return undefined;
  const text = readFileSync(join(cwd, file), 'utf8');
  if (file.endsWith('.json')) {
    try {
      const data = JSON.parse(text) as { out?: unknown; dialect?: unknown };
      return { file, out: typeof data.out === 'string' ? data.out : undefined, dialect: typeof data.dialect === 'string' ? data.dialect : undefined };
    } catch {
      return { file };
    }
  }
  const literal = (key: string) => new RegExp(`\\b${key}\\s*:\\s*(['"\`])([^'"\`\\n]+)\\1`).exec(text)?.[2];
  return { file, out: literal('out'), dialect: literal('dialect') };
}

function existingConfig(cwd: string): string | undefined {
  const own = OUR_CONFIGS.find((f) => existsSync(join(cwd, f)));
  if (own) return own;
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (pkg.migrationlint !== undefined) return 'package.json ("migrationlint" key)';
  } catch {
    /* no package.json, or not ours to judge */
  }
  return undefined;
}

/** Writes the starter config; refuses when the folder already has one. Returns the exit code. */
export function runInit(cwd: string, io: Io): number {
  const existing = existingConfig(cwd);
  if (existing) throw new UsageError(`init: ${existing} already configures drizzle-migration-lint; nothing was written`);
  const drizzle = detectDrizzleConfig(cwd);
  if (drizzle?.dialect && drizzle.dialect !== 'postgresql') {
    throw new UsageError(`init: ${drizzle.file} has dialect "${drizzle.dialect}"; drizzle-migration-lint checks PostgreSQL migrations only`);
  }
  const dir = (drizzle?.out ?? 'drizzle').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  const config = {
    dir,
    preset: DEFAULTS.preset,
    runner: DEFAULTS.runner,
    postgresVersion: DEFAULTS.postgresVersion,
    lockTimeoutSetByRunner: DEFAULTS.lockTimeoutSetByRunner,
    rules: {},
  };
  const text = JSON.stringify(config, null, 2) + '\n';
  writeFileSync(join(cwd, CONFIG_FILE), text, { flag: 'wx' });
  const source = drizzle
    ? drizzle.out
      ? `found ${drizzle.file}: migrations in ${dir}`
      : `found ${drizzle.file} but no literal \`out\`; assumed ${dir} (drizzle-kit's default)`
    : `no drizzle.config found; assumed ${dir} (drizzle-kit's default)`;
  const missing = existsSync(join(cwd, dir)) ? '' : `\nNote: ${dir} does not exist yet; run drizzle-kit generate first, or edit "dir".`;
  io.out(`Wrote ${CONFIG_FILE} (${source}):\n\n${text}${missing}\nNext: npx drizzle-migration-lint   (every option: see .migrationlintrc.example.json in the package)\n`);
  return 0;
}
