/** Programmatic API: `import { lint } from 'drizzle-migration-lint'`. */
import { lintProject, type LintOptions } from './engine/lint.js';
import type { LintResult } from './engine/result.js';

export type { LintOptions } from './engine/lint.js';
export type { LintResult, FileResult, Message, Summary } from './engine/result.js';
export type { Rule, RuleMeta, Category, Severity, Runner } from './rules/types.js';
export type { Config, FileConfig } from './config/schema.js';
export { RULES } from './rules/index.js';
export { UsageError } from './errors.js';
export { lintTexts, type SourceText } from './engine/lint.js';
export { FORMATS, formatReport, type Format, type ReportOptions } from './reporters/index.js';

/** Lints migrations exactly as the CLI does and returns the result model (what `--format json` prints). */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  return (await lintProject(options)).result;
}
