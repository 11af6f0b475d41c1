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
