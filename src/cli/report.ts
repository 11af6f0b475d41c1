import type { LintResult } from '../linter/result.js';
import { formatReport, type Format } from '../reporters/index.js';
import { ciRoot } from '../reporters/paths.js';
import { useColor } from './color.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import type { LintFlags } from './flags.js';

/** Where a report's paths are relative to and its code frames come from: the run's reader. */
export interface ReportSource {
  cwd: string;
  sourceLine(filePath: string, line: number): string | undefined;
}

/** Prints a result in the chosen format (also used by `verify`). */
export async function formatResult(result: LintResult, format: Format, flags: LintFlags, source: ReportSource): Promise<string> {
  const { cwd } = source;
  return formatReport(format, result, { color: useColor(flags.color), quiet: flags.quiet, sourceLine: (f, l) => source.sourceLine(f, l), cwd, root: ciRoot(cwd) });
}

export function exitCode(result: LintResult, maxWarnings: number | undefined, quiet?: boolean): number {
  if (result.summary.errors > 0) return EXIT_FINDINGS;
  if (!quiet && maxWarnings !== undefined && result.summary.warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_CLEAN;
}
