import type { FileResult, LintResult, Message } from '../linter/result.js';

/** Findings a CI reporter shows: not suppressed, and errors only under --quiet. */
export function visibleMessages(file: FileResult, quiet?: boolean): Message[] {
  return file.messages.filter((m) => !m.suppressed && (!quiet || m.severity === 'error'));
}

export interface Counts {
  errors: number;
  warnings: number;
  files: number;
}

/** What the reporter shows, counted (the summary counts warnings even under --quiet). */
export function visibleCounts(result: LintResult, quiet?: boolean): Counts {
  let errors = 0;
  let warnings = 0;
  let files = 0;
  for (const f of result.results) {
    const shown = visibleMessages(f, quiet);
    if (shown.length) files++;
    for (const m of shown) {
      if (m.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings, files };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
