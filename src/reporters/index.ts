/** Output formats. Each reporter module is imported only when its format is asked for, so start-up stays fast. */
import type { LintResult } from '../linter/result.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  /** ANSI colour (text only). */
  color: boolean;
  /** Errors only (--quiet). */
  quiet?: boolean;
  /** Source lines for the text reporter's code frame. */
  sourceLine?: (filePath: string, line: number) => string | undefined;
  /** Folder that file paths in the result are relative to. */
  cwd: string;
  /** Folder that CI reports (sarif, github, gitlab) make paths relative to; default cwd. */
  root?: string;
}

export async function formatReport(format: Format, result: LintResult, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).formatText(result, options);
    case 'json':
      return (await import('./json.js')).formatJson(result);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(result, options);
    case 'github':
      return (await import('./github.js')).formatGithub(result, options);
    case 'gitlab':
      return (await import('./gitlab.js')).formatGitlab(result, options);
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown(result, options);
  }
}
