import type { Fix, Severity } from '../rules/types.js';
import type { Observed, StatementTrace, VerifyInfo } from '../verify/types.js';

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
  /** Machine-applicable fixes (for `fix` and editors); absent when the rule offers none. */
  fixes?: Fix[];
  /** verify only: what the statement was seen doing on a real Postgres. */
  observed?: Observed;
  /** verify only: true when the run confirmed the lock, rewrite, scan or failure the finding claims. */
  verified?: boolean;
  /** verify only: what the run saw that contradicts the finding. */
  verifyNote?: string;
}

export interface FileResult {
  /** Relative to the working directory, with forward slashes. */
  filePath: string;
  messages: Message[];
  /** verify only: every statement of a pending migration, as it ran. */
  trace?: StatementTrace[];
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
  /** verify only: the engine and what it could not reproduce. */
  verify?: VerifyInfo;
}
