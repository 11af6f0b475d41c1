import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintProject, type LintOptions, type LintRun } from '../engine/lint.js';
import type { RuleSetting } from '../engine/severities.js';
import type { LintResult } from '../engine/result.js';
import type { FileConfig } from '../config/schema.js';
import { PRESETS, RUNNERS, SETTINGS } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes.js';
import { useColor } from './color.js';
import { FORMATS, formatReport, type Format } from '../reporters/index.js';
import { ciRoot } from '../reporters/paths.js';
import { neutralizeControls } from '../reporters/control-characters.js';
import { describeRun } from './verbose.js';
import { writeReport } from './output-file.js';
import type { Io } from './program.js';
import { nowMs } from '../engine/clock.js';

export { FORMATS };

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
  maxFileSize?: string;
  /** false with --no-cache. */
  cache?: boolean;
}

/** An explicit --format wins; inside GitHub Actions the default is annotations on the diff. */
export function defaultFormat(env: NodeJS.ProcessEnv = process.env): Format {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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

/** `drizzle-migration-lint [paths…]`: lints and prints; returns the exit code. */
export async function runLint(paths: string[], flags: LintFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, FORMATS) ?? defaultFormat();
  const options = lintOptionsFromFlags(paths, flags);
  const maxWarnings = parseCount('--max-warnings', flags.maxWarnings);
  const text = await stdinText(paths, flags, io);
  const run = await lintProject({ ...options, text });
  const { result } = run;
  const started = nowMs();
  const sourceLine = sourceLines(text);
  if (flags.outputFile) {
    // The report goes to the file; the terminal still gets the readable text report.
    writeReport(flags.outputFile, await formatResult(result, format, { ...flags, color: false }, sourceLine), run.folders);
    io.out(await formatResult(result, 'text', flags, sourceLine));
  } else {
    io.out(await formatResult(result, format, flags, sourceLine));
  }
  run.timings.report = Math.round((nowMs() - started) * 10) / 10;
  if (flags.verbose) io.err(describeRun(run, process.cwd(), { format, outputFile: flags.outputFile }));
  if ((format === 'text' || flags.outputFile) && !flags.quiet) io.err(pendingTip(run));
  // Inputs that could not be linted fail the run like a usage error, after the rest is reported.
  for (const e of run.inputErrors) io.err(`drizzle-migration-lint: ${neutralizeControls(e.replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
  if (run.inputErrors.length) return EXIT_USAGE;
  return exitCode(result, maxWarnings, flags.quiet);
}

/** How many files with findings make the --since/--baseline tip worth printing. */
const TIP_FILES = 5;

/**
 * Without --since or --baseline every migration is linted as if it were about to run, so a first run
 * over an existing project reports its whole history. Said once, on stderr, under the text report.
 */
function pendingTip(run: LintRun): string {
  if (run.folders.some((f) => f.base)) return '';
  const files = run.result.results.filter((r) => r.messages.some((m) => !m.suppressed)).length;
  if (files < TIP_FILES) return '';
  return (
    `drizzle-migration-lint: tip: ${files} files have findings, and every migration was checked as if it were about to run. ` +
    'Migrations that production already ran cannot be changed: lint only the pending ones with ' +
    '--since origin/main (a pull request) or --baseline <tag of the last applied migration>.\n'
  );
}

/** Prints a result in the chosen format (also used by `verify`). */
export async function formatResult(result: LintResult, format: Format, flags: LintFlags, sourceLine = sourceLines()): Promise<string> {
  const cwd = process.cwd();
  return formatReport(format, result, { color: useColor(flags.color), quiet: flags.quiet, sourceLine, cwd, root: ciRoot(cwd) });
}

/** `--stdin --stdin-filename <path>`: the text to lint as that file. */
async function stdinText(paths: string[], flags: LintFlags, io: Io): Promise<{ path: string; text: string } | undefined> {
  if (!flags.stdin) {
    if (flags.stdinFilename) throw new UsageError('--stdin-filename needs --stdin');
    return undefined;
  }
  if (!flags.stdinFilename) throw new UsageError('--stdin needs --stdin-filename <path> (the migration file the text belongs to)');
  if (paths.length) throw new UsageError('--stdin lints the text on standard input: give no paths');
  return { path: flags.stdinFilename, text: await (io.stdin?.() ?? readAll(process.stdin)) };
}

export function exitCode(result: LintResult, maxWarnings: number | undefined, quiet?: boolean): number {
  if (result.summary.errors > 0) return EXIT_FINDINGS;
  if (!quiet && maxWarnings !== undefined && result.summary.warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_CLEAN;
}

/**
 * Source lines for code frames, read lazily (only files that have findings) and split once per file.
 * With --stdin every frame comes from the given text.
 */
function sourceLines(given?: { text: string }): (filePath: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  const split = (text: string) => text.replace(/^\uFEFF/, '').split('\n');
  return (filePath, line) => {
    if (!cache.has(filePath)) {
      try {
        cache.set(filePath, split(given ? given.text : readFileSync(resolve(filePath), 'utf8')));
      } catch {
        cache.set(filePath, undefined);
      }
    }
    return cache.get(filePath)?.[line - 1]?.replace(/\r$/, '');
  };
}
