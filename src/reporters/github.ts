/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding, shown on the PR's diff. */
import type { LintResult, Message } from '../linter/result.js';
import { plural, visibleCounts, visibleMessages } from './visible.js';
import { pathFromRoot } from './paths.js';
import { neutralizeControls } from './control-characters.js';

export interface GithubOptions {
  quiet?: boolean;
  cwd?: string;
  /** The checkout (GITHUB_WORKSPACE): annotation paths must be relative to it. */
  root?: string;
}

/** The runner turns %25, %0D and %0A in a command's message back into %, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at ',' and the message starts after '::', so those are escaped too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(filePath: string, m: Message): string {
  const props = [
    `file=${neutralizeControls(escapeProperty(filePath))}`,
    `line=${m.line}`,
    `col=${m.column}`,
    `endLine=${m.endLine}`,
    `endColumn=${m.endColumn}`,
    `title=${escapeProperty(m.ruleId)}`,
  ];
  const text = [m.message, m.hint, m.docsUrl].filter(Boolean).join('\n');
  // After escapeData (CR and LF are %0D, %0A): ESC and other controls shown as escapes, not run by the log viewer.
  return `::${m.severity} ${props.join(',')}::${neutralizeControls(escapeData(text))}`;
}

export function formatGithub(result: LintResult, options: GithubOptions = {}): string {
  const lines: string[] = [];
  for (const file of result.results) {
    const path = pathFromRoot(file.filePath, options.cwd ?? process.cwd(), options.root);
    for (const m of visibleMessages(file, options.quiet)) lines.push(annotation(path, m));
  }
  // Commands are hidden in the job log; this plain line is what a reader of the log sees.
  const { errors, warnings, files } = visibleCounts(result, options.quiet);
  lines.push(
    errors + warnings
      ? `drizzle-migration-lint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')} (${plural(result.summary.statements, 'statement')} checked)`
      : `drizzle-migration-lint: no problems in ${plural(result.summary.files, 'file')} (${plural(result.summary.statements, 'statement')} checked)`,
  );
  return lines.join('\n') + '\n';
}
