import type { LintResult } from '../linter/result.js';

export function formatJson(result: LintResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
