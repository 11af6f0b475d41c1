import type { Fix, Severity } from '../rules/types.js';

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

/** Sorts files and messages so that output is byte-for-byte stable, and counts. */
export function assemble(files: FileResult[], statements: number): LintResult {
  const merged = new Map<string, FileResult>();
  for (const f of files) {
    const m = merged.get(f.filePath);
    if (m) m.messages.push(...f.messages);
    else merged.set(f.filePath, { ...f, messages: [...f.messages] });
  }
  const results = [...merged.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const r of results) {
    r.messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : 1));
    for (const m of r.messages) {
      if (m.suppressed) suppressed++;
      else if (m.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { version: 1, results, summary: { files: results.length, statements, errors, warnings, suppressed } };
}
