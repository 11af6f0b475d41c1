import type { LintOptions } from '../app/lint-project.js';
import type { FileConfig } from '../config/schema.js';
import { PRESETS, RUNNERS, SETTINGS } from '../config/schema.js';
import type { RuleSetting } from '../linter/severities.js';
import { UsageError } from '../errors.js';
import type { Format } from '../reporters/index.js';

/** The flags `lint` and `verify` share, as commander passes them. */
export interface LintFlags {
  /** Default: `github` inside GitHub Actions, else `text`. */
  format?: string;
  config?: string;
  rule?: string[];
  preset?: string;
  runner?: string;
  pgVersion?: string;
  maxWarnings?: string;
  quiet?: boolean;
  color?: boolean;
  dir?: string;
  since?: string;
  baseline?: string;
  outputFile?: string;
  stdin?: boolean;
  stdinFilename?: string;
  verbose?: boolean;
  /** --max-file-size in megabytes. */
  maxFileSize?: string;
  /** false with --no-cache. */
  cache?: boolean;
}

/** An explicit --format wins; inside GitHub Actions the default is annotations on the diff. */
export function defaultFormat(env: NodeJS.ProcessEnv = process.env): Format {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

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
  if (flags.cache === false) config.cache = false;
  const maxFileSize = parseCount('--max-file-size', flags.maxFileSize);
  if (maxFileSize !== undefined) {
    if (maxFileSize < 1) throw new UsageError(`--max-file-size ${maxFileSize}: must be at least 1 (megabytes)`);
    config.maxFileSize = maxFileSize;
  }
  if (flags.since && flags.baseline) throw new UsageError('--since and --baseline both say what is pending; use one');
  // A flag wins over the other kind of base set in the config file.
  if (flags.since) Object.assign(config, { since: flags.since, baseline: undefined });
  if (flags.baseline) Object.assign(config, { baseline: flags.baseline, since: undefined });
  return { paths, configFile: flags.config, config, rules: parseRuleFlags(flags.rule ?? []) };
}
