import type { Severity } from '../rules/types.js';

/** One finding, as the JSON reporter prints it. Lines and columns are 1-based. */
export interface Message {
  ruleId: string;
  severity: Severity;
  message: string;
  hint?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The SQL of the statement the finding is about (shortened when very long). */
  statement?: string;
  suppressed: boolean;
  docsUrl: string;
}

export interface FileResult {
  /** Relative to the working directory, with forward slashes. */
  filePath: string;
  messages: Message[];
}

export interface Summary {
  files: number;
  statements: number;
  errors: number;
  warnings: number;
  suppressed: number;
}

export interface LintResult {
  version: 1;
  results: FileResult[];
  summary: Summary;
}
