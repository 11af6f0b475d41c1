import type { LintResult, Message } from '../linter/result.js';
import type { VerifyMessage } from '../verify/types.js';
import { migrationFails } from '../rules/migration-fails.js';
import { plural, visibleMessages } from './visible.js';
import { neutralizeControls as safe } from './control-characters.js';

export interface TextOptions {
  color: boolean;
  /** Only errors (--quiet). */
  quiet?: boolean;
  /** Source lines by file, for the code frame; files missing here get no frame. */
  sourceLine?: (filePath: string, line: number) => string | undefined;
}

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
  green(s: string): string;
}

const plain: Paint = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s, underline: (s) => s, green: (s) => s };

export async function paint(color: boolean): Promise<Paint> {
  if (!color) return plain;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, dim: c.dim, bold: c.bold, underline: c.underline, green: c.green };
}

/** eslint-like output: grouped by file, `file:line:col  severity  message  rule-id`, a frame and the recipe. */
export async function formatText(result: LintResult, options: TextOptions): Promise<string> {
  const p = await paint(options.color);
  const out: string[] = [];
  let shownFiles = 0;
  for (const file of result.results) {
    const messages = visibleMessages(file, options.quiet);
    if (!messages.length) continue;
    shownFiles++;
    out.push(p.underline(safe(file.filePath)));
    for (const m of messages) out.push(...formatMessage(file.filePath, m, p, options));
    out.push('');
  }
  const { errors, warnings, statements, suppressed } = result.summary;
  const shownWarnings = options.quiet ? 0 : warnings;
  const problems = errors + shownWarnings;
  const tail = `${plural(statements, 'statement')} checked${suppressed ? `, ${suppressed} suppressed` : ''}`;
  if (problems === 0) {
    out.push(p.green(`✔ No problems in ${plural(result.summary.files, 'file')}, ${tail}`));
  } else {
    const line = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(shownWarnings, 'warning')}) in ${plural(shownFiles, 'file')}, ${tail}`;
    out.push(errors ? p.red(p.bold(line)) : p.yellow(p.bold(line)));
  }
  return out.join('\n') + '\n';
}

function formatMessage(filePath: string, m: Message, p: Paint, options: TextOptions): string[] {
  const sev = m.severity === 'error' ? p.red('error') : p.yellow('warning');
  const lines = [`${safe(filePath)}:${m.line}:${m.column}  ${sev}  ${safe(m.message)}  ${p.dim(safe(m.ruleId))}`];
  const line = options.sourceLine?.(filePath, m.line);
  const src = line === undefined ? undefined : safe(line);
  if (src !== undefined && src.trim()) {
    const gutter = `  ${m.line} | `;
    const shown = src.length > 160 ? src.slice(0, 160) + '…' : src;
    lines.push(p.dim(gutter) + shown);
    // Keep the tabs of the source line so that the caret lines up under drizzle's tab-indented columns.
    if (m.column - 1 <= 160) lines.push(' '.repeat(gutter.length) + src.slice(0, m.column - 1).replace(/[^\t]/g, ' ') + p.red('^'));
  }
  if (m.hint) lines.push(`  ${p.dim('hint:')} ${safe(m.hint)}`);
  // Set by `verify` only, so `lint` output is unchanged.
  const { verified, verifyNote } = m as VerifyMessage;
  if (verified && m.ruleId !== migrationFails.id) lines.push(`  ${p.green('✔ verified on a real Postgres')}`);
  if (verifyNote) lines.push(`  ${p.yellow(safe(verifyNote))}`);
  return lines;
}
