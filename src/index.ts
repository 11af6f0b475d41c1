/** Programmatic API: `import { lint } from 'drizzle-migration-lint'`. */
import { lintProject, type LintOptions } from './app/lint-project.js';
import type { LintResult } from './linter/result.js';

export type { LintOptions } from './app/lint-project.js';
export type { LintResult, FileResult, Message, Summary } from './linter/result.js';
export type { Rule, RuleMeta, Category, Severity, Runner } from './rules/types.js';
export type { Config, FileConfig } from './config/schema.js';
export { RULES } from './rules/index.js';
export { UsageError } from './errors.js';
export { lintTexts, type SourceText } from './app/lint-project.js';
export { FORMATS, formatReport, type Format, type ReportOptions } from './reporters/index.js';

/** Lints migrations exactly as the CLI does and returns the result model (what `--format json` prints). */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  return (await lintProject(options)).result;
}

export { planFix, writeAll, unifiedDiff, RECIPES, PLACEHOLDER } from './fix/index.js';
export type { FixPlan, FixStep, FileChange, NeedsUser, SqlChunk, Recipe } from './fix/index.js';

/**
 * `fix` as the CLI runs it: plans the rewrite of the pending migrations (--since/--baseline in
 * `config`, or the files named in `paths`) and, with `write: true` and no problem in the plan,
 * writes every file or none. Nothing is written when `plan.problems` is not empty.
 */
export async function fix(options: LintOptions & { write?: boolean; followUp?: boolean } = {}): Promise<import('./fix/index.js').FixPlan> {
  const { planFix: plan, writeAll: write } = await import('./fix/index.js');
  const { plan: result } = await plan(options, { followUp: options.followUp });
  if (options.write && !result.problems.length && result.files.length) write(result.files, (p) => p);
  return result;
}
