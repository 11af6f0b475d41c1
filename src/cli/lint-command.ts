import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintProject, type LintOptions } from '../engine/lint.js';
import type { RuleSetting } from '../engine/severities.js';
import type { LintResult } from '../engine/result.js';
import type { FileConfig } from '../config/schema.js';
import { PRESETS, RUNNERS, SETTINGS } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes.js';
import { useColor } from './color.js';

export interface LintFlags {
  format: string;
  config?: string;
  rule: string[];
  preset?: string;
  runner?: string;
  pgVersion?: string;
  maxWarnings?: string;
  quiet?: boolean;
  color?: boolean;
  dir?: string;
  since?: string;
  baseline?: string;
}

export const FORMATS = ['text', 'json'] as const;

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} ${value}: use one of ${allowed.join(', ')}`);
  return value as T;
}

function parseRuleFlags(values: string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const v of values) {
    const m = /^([a-z0-9-]+)=(.*)$/.exec(v);
    if (!m) throw new UsageError(`--rule ${v}: expected <rule-id>=<off|warn|error>`);
    if (!(SETTINGS as readonly string[]).includes(m[2])) throw new UsageError(`--rule ${v}: use one of ${SETTINGS.join(', ')}`);
    out[m[1]] = m[2] as RuleSetting;
  }
  return out;
}

export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} ${value}: expected a whole number`);
  return Number(value);
}

/** The lint options the shared flags ask for (also used by `verify`). */
export function lintOptionsFromFlags(paths: string[], flags: LintFlags): LintOptions {
  const config: FileConfig = {};
  const preset = oneOf('--preset', flags.preset, PRESETS);
  if (preset) config.preset = preset;
  const runner = oneOf('--runner', flags.runner, RUNNERS);
  if (runner) config.runner = runner;
  const pg = parseCount('--pg-version', flags.pgVersion);
  if (pg !== undefined) {
    if (pg < 10 || pg > 19) throw new UsageError(`--pg-version ${pg}: supported majors are 10 to 19`);
    config.postgresVersion = pg;
  }
  if (flags.dir) config.dir = flags.dir;
  if (flags.since && flags.baseline) throw new UsageError('--since and --baseline both say what is pending; use one');
  // A flag wins over the other kind of base set in the config file.
  if (flags.since) Object.assign(config, { since: flags.since, baseline: undefined });
  if (flags.baseline) Object.assign(config, { baseline: flags.baseline, since: undefined });
  return { paths, configFile: flags.config, config, rules: parseRuleFlags(flags.rule) };
}

/** `drizzle-migration-lint [paths…]`: lints and prints; returns the exit code. */
export async function runLint(paths: string[], flags: LintFlags, write: (s: string) => void, writeErr: (s: string) => void = write): Promise<number> {
  const format = oneOf('--format', flags.format, FORMATS)!;
  const options = lintOptionsFromFlags(paths, flags);
  const maxWarnings = parseCount('--max-warnings', flags.maxWarnings);
  const run = await lintProject(options);
  const { result } = run;
  write(await formatResult(result, format, flags));
  // Inputs that could not be linted fail the run like a usage error, after the rest is reported.
  for (const e of run.inputErrors) writeErr(`drizzle-migration-lint: ${e.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  if (run.inputErrors.length) return EXIT_USAGE;
  return exitCode(result, maxWarnings, flags.quiet);
}

/** Prints a result in the chosen format (also used by `verify`). */
export async function formatResult(result: LintResult, format: (typeof FORMATS)[number], flags: LintFlags): Promise<string> {
  if (format === 'json') {
    const { formatJson } = await import('../reporters/json.js');
    return formatJson(result);
  }
  const { formatText } = await import('../reporters/text.js');
  return formatText(result, { color: useColor(flags.color), quiet: flags.quiet, sourceLine: sourceLines() });
}

export function exitCode(result: LintResult, maxWarnings: number | undefined, quiet?: boolean): number {
  if (result.summary.errors > 0) return EXIT_FINDINGS;
  if (!quiet && maxWarnings !== undefined && result.summary.warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_CLEAN;
}

/** Reads source lines lazily for code frames (only files that have findings are read). */
function sourceLines(): (filePath: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (filePath, line) => {
    if (!cache.has(filePath)) {
      try {
        cache.set(filePath, readFileSync(resolve(filePath), 'utf8').replace(/^\uFEFF/, '').split('\n'));
      } catch {
        cache.set(filePath, undefined);
      }
    }
    return cache.get(filePath)?.[line - 1]?.replace(/\r$/, '');
  };
}
