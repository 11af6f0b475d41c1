import { lintProject, type LintRun } from '../app/lint-project.js';
import { UsageError } from '../errors.js';
import { EXIT_USAGE } from './exit-codes.js';
import { FORMATS } from '../reporters/index.js';
import { describeRun } from './verbose.js';
import { neutralizeControls } from '../reporters/control-characters.js';
import { writeReport } from './output-file.js';
import type { Io } from './io.js';
import { defaultFormat, lintOptionsFromFlags, oneOf, parseCount, type LintFlags } from './flags.js';
import { exitCode, formatResult } from './report.js';
import { nowMs } from '../app/clock.js';

export { FORMATS };

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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
  if (flags.outputFile) {
    // The report goes to the file; the terminal still gets the readable text report.
    writeReport(flags.outputFile, await formatResult(result, format, { ...flags, color: false }, run.reader), run.folders);
    io.out(await formatResult(result, 'text', flags, run.reader));
  } else {
    io.out(await formatResult(result, format, flags, run.reader));
  }
  run.timings.report = Math.round((nowMs() - started) * 10) / 10;
  if (flags.verbose) io.err(describeRun(run, run.cwd, { format, outputFile: flags.outputFile }));
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

