import type { Io } from './io.js';
import { defaultFormat, lintOptionsFromFlags, oneOf, parseCount, type LintFlags } from './flags.js';
import { exitCode, formatResult } from './report.js';
import { FORMATS } from '../reporters/index.js';
import { useColor } from './color.js';

export interface VerifyFlags extends LintFlags {
  databaseUrl?: string;
  verbose?: boolean;
}

/** `drizzle-migration-lint verify [paths…]`: runs the pending migrations on a real Postgres and reports what they did. */
export async function runVerify(paths: string[], flags: VerifyFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, FORMATS) ?? defaultFormat();
  const options = lintOptionsFromFlags(paths, flags);
  const maxWarnings = parseCount('--max-warnings', flags.maxWarnings);
  const log = flags.verbose ? (line: string) => io.err(line + '\n') : undefined;
  const t0 = performance.now();
  // Loaded here so that `lint` never pays for PGlite or pg.
  const { verifyProject } = await import('../verify/verify-project.js');
  const { result, timings, reader } = await verifyProject({ ...options, databaseUrl: flags.databaseUrl ?? process.env.MIGRATION_LINT_DATABASE_URL, log });
  log?.(`verify: timings (ms) ${Object.entries(timings).map(([k, v]) => `${k}=${v}`).join(' ')}; ${Math.round(performance.now() - t0)} ms in all; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  if (format === 'text') {
    const { paint } = await import('../reporters/text.js');
    const { formatTraces } = await import('../reporters/verify-trace.js');
    io.out(formatTraces(result, await paint(useColor(flags.color))));
  }
  io.out(await formatResult(result, format, flags, reader));
  return exitCode(result, maxWarnings, flags.quiet);
}
