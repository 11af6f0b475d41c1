import type { Io } from './io.js';
import { defaultFormat, lintOptionsFromFlags, oneOf, parseCount, type LintFlags } from './flags.js';
import { exitCode, formatResult } from './report.js';
import { FORMATS } from '../reporters/index.js';
import { useColor } from './color.js';
import { UsageError } from '../errors.js';
import { checkDatabaseUrl } from '../db/database-url.js';

export interface VerifyFlags extends LintFlags {
  databaseUrl?: string;
  verbose?: boolean;
  statementTimeout?: string;
  lockTimeout?: string;
}

/** Exit code after SIGINT/SIGTERM, as shells report a process ended by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** `500ms`, `30s`, `2min` or a number of milliseconds (Postgres's own units for the two settings). */
export function parseDuration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)?\s*$/.exec(value);
  const ms = m ? Math.round(Number(m[1]) * ({ ms: 1, s: 1000, min: 60_000 }[m[2] ?? 'ms'] ?? 1)) : NaN;
  if (!(ms >= 1 && ms <= 2_147_483_647)) throw new UsageError(`${flag} ${value}: expected a duration such as 500ms, 30s or 2min (at least 1 ms)`);
  return ms;
}

/** `drizzle-migration-lint verify [paths…]`: runs the pending migrations on a real Postgres and reports what they did. */
export async function runVerify(paths: string[], flags: VerifyFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, FORMATS) ?? defaultFormat();
  const options = lintOptionsFromFlags(paths, flags);
  const maxWarnings = parseCount('--max-warnings', flags.maxWarnings);
  const log = flags.verbose ? (line: string) => io.err(line + '\n') : undefined;
  const statementTimeoutMs = parseDuration('--statement-timeout', flags.statementTimeout);
  const lockTimeoutMs = parseDuration('--lock-timeout', flags.lockTimeout);
  const t0 = performance.now();
  // Loaded here so that `lint` never pays for PGlite or pg.
  const { verifyProject } = await import('../verify/verify-project.js');
  const { VerifyInterrupted } = await import('../verify/stops.js');
  const { redactText } = await import('../db/redact.js');
  const databaseUrl = flags.databaseUrl ?? process.env.MIGRATION_LINT_DATABASE_URL;
  if (databaseUrl) checkDatabaseUrl(databaseUrl);
  let run: Awaited<ReturnType<typeof verifyProject>>;
  try {
    run = await verifyProject({ ...options, databaseUrl, log, statementTimeoutMs, lockTimeoutMs });
  } catch (e) {
    if (e instanceof VerifyInterrupted) {
      io.err(`drizzle-migration-lint: verify interrupted by ${e.signal}: the running statement was cancelled, everything was rolled back and the connection closed\n`);
      return EXIT_INTERRUPTED;
    }
    // No error message leaves with the URL's password in it.
    if (e instanceof Error) e.message = redactText(e.message, databaseUrl);
    throw e;
  }
  const { result, timings, reader } = run;
  log?.(`verify: timings (ms) ${Object.entries(timings).map(([k, v]) => `${k}=${v}`).join(' ')}; ${Math.round(performance.now() - t0)} ms in all; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  if (format === 'text') {
    const { paint } = await import('../reporters/text.js');
    const { formatTraces } = await import('../reporters/verify-trace.js');
    io.out(formatTraces(result, await paint(useColor(flags.color))));
  }
  io.out(await formatResult(result, format, flags, reader));
  return exitCode(result, maxWarnings, flags.quiet);
}
