import type { Io } from './program.js';
import { defaultFormat, exitCode, formatResult, FORMATS, lintOptionsFromFlags, oneOf, parseCount, type LintFlags } from './lint-command.js';
import { useColor } from './color.js';
import { checkDatabaseUrl } from './database-url.js';

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
  const databaseUrl = flags.databaseUrl ?? process.env.MIGRATION_LINT_DATABASE_URL;
  if (databaseUrl) checkDatabaseUrl(databaseUrl);
  const { result, timings } = await verifyProject({ ...options, databaseUrl, log });
  log?.(`verify: timings (ms) ${Object.entries(timings).map(([k, v]) => `${k}=${v}`).join(' ')}; ${Math.round(performance.now() - t0)} ms in all; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  if (format === 'text') {
    const { paint } = await import('../reporters/text.js');
    const { formatTraces } = await import('../verify/trace-text.js');
    io.out(formatTraces(result, await paint(useColor(flags.color))));
  }
  io.out(await formatResult(result, format, flags));
  return exitCode(result, maxWarnings, flags.quiet);
}
