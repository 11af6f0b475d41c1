import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import { formatPlan, planFix, planJson, writeAll } from '../fix/index.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes.js';
import { lintOptionsFromFlags, oneOf, type LintFlags } from './flags.js';
import type { Io } from './io.js';

export interface FixFlags extends LintFlags {
  write?: boolean;
  followUp?: boolean;
}

/**
 * `drizzle-migration-lint fix [paths…]`: prints the plan and the diff (exit 1 when there is anything
 * to fix, 0 when nothing), or with --write applies it: every file or none.
 */
export async function runFix(paths: string[], flags: FixFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, ['text', 'json'] as const) ?? 'text';
  const options = lintOptionsFromFlags(paths, flags);
  const cwd = process.cwd();
  const { plan } = await planFix(options, { followUp: !!flags.followUp });
  const show = (p: string) => displayPath(p, cwd);
  if (plan.problems.length) {
    if (format === 'json') io.out(planJson(plan, cwd, false));
    for (const p of plan.problems) io.err(`drizzle-migration-lint: ${p.path ? `${show(p.path)}:${p.line}: ` : ''}${p.message}; nothing written\n`);
    return EXIT_USAGE;
  }
  let written = false;
  if (flags.write && plan.files.length) {
    try {
      writeAll(plan.files, show);
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`drizzle-migration-lint: ${e.message}\n`);
        return EXIT_USAGE;
      }
      throw e;
    }
    written = true;
  }
  io.out(format === 'json' ? planJson(plan, cwd, written) : formatPlan(plan, cwd, written));
  if (written) return plan.needsUser.length || plan.steps.some((s) => s.notes.length > 1) ? EXIT_FINDINGS : EXIT_CLEAN;
  return plan.steps.length || plan.needsUser.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
