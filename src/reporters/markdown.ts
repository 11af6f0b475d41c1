/** A pull-request comment: a summary table, then each finding with its SQL, always under GitHub's size limit. */
import type { LintResult, Message } from '../linter/result.js';
import { plural, visibleCounts, visibleMessages } from './visible.js';
import { neutralizeControls } from './control-characters.js';

export interface MarkdownOptions {
  quiet?: boolean;
  /** Longest comment in characters (GitHub rejects comments over 65,536). */
  maxLength?: number;
}

export const MAX_COMMENT_LENGTH = 65_000;
const MAX_SQL_LINES = 20;
const MAX_SQL_CHARS = 1_500;

/** Backslash-escapes what Markdown or HTML would interpret in a message. */
export function escapeMarkdown(s: string): string {
  return neutralizeControls(s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' '));
}

/** A fence longer than any run of backticks inside, so the SQL cannot close it. */
function fenced(sql: string): string {
  let shown = sql.length > MAX_SQL_CHARS ? `${sql.slice(0, MAX_SQL_CHARS)}\n…` : sql;
  const lines = shown.split('\n');
  if (lines.length > MAX_SQL_LINES) shown = `${lines.slice(0, MAX_SQL_LINES).join('\n')}\n…`;
  // A markdown report printed to a GitHub job log runs every line that starts with `::` as a workflow
  // command (a quoted identifier can hold a newline and `::error …`): a zero-width space breaks it.
  shown = shown
    .split(/\r?\n/)
    .map((line) => neutralizeControls(line).replace(/^(\s*):(?=:)/, '$1:\u200b'))
    .join('\n');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}sql\n${shown}\n${fence}`;
}

function finding(m: Message): string {
  const parts = [
    `**${m.severity}** [\`${m.ruleId}\`](${m.docsUrl}) at line ${m.line}, column ${m.column}  `,
    escapeMarkdown(m.message),
  ];
  if (m.hint) parts.push('', `> ${escapeMarkdown(m.hint)}`);
  if (m.statement) parts.push('', fenced(m.statement));
  return parts.join('\n') + '\n';
}

function summaryTable(result: LintResult, quiet?: boolean): string {
  const byRule = new Map<string, { severity: string; count: number; docsUrl: string }>();
  for (const file of result.results) {
    for (const m of visibleMessages(file, quiet)) {
      const key = `${m.ruleId}\0${m.severity}`;
      const row = byRule.get(key) ?? { severity: m.severity, count: 0, docsUrl: m.docsUrl };
      row.count++;
      byRule.set(key, row);
    }
  }
  const rows = [...byRule]
    .sort(([a, x], [b, y]) => (x.severity === y.severity ? (a < b ? -1 : 1) : x.severity === 'error' ? -1 : 1))
    .map(([key, r]) => `| [\`${key.split('\0')[0]}\`](${r.docsUrl}) | ${r.severity} | ${r.count} |`);
  return ['| Rule | Severity | Findings |', '| --- | --- | ---: |', ...rows].join('\n') + '\n';
}

export function formatMarkdown(result: LintResult, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? MAX_COMMENT_LENGTH;
  const { errors, warnings, files } = visibleCounts(result, options.quiet);
  const checked = `${plural(result.summary.files, 'file')}, ${plural(result.summary.statements, 'statement')} checked`;
  const suppressed = result.summary.suppressed ? `, ${result.summary.suppressed} suppressed` : '';
  const head = ['## drizzle-migration-lint', ''];
  if (!errors && !warnings) {
    head.push(`✅ No problems (${checked}${suppressed}).`);
    return head.join('\n') + '\n';
  }
  head.push(
    `${errors ? '❌' : '⚠️'} **${plural(errors, 'error')}**, ${plural(warnings, 'warning')} in ${plural(files, 'file')} (${checked}${suppressed}).`,
    '',
    summaryTable(result, options.quiet),
  );
  // Errors first, so that when the comment is cut it is warnings that are left out.
  const findings: string[] = [];
  for (const [severity, title, count] of [['error', 'Errors', errors], ['warning', 'Warnings', warnings]] as const) {
    let heading = count ? `### ${title}\n\n` : '';
    for (const file of result.results) {
      const messages = visibleMessages(file, options.quiet).filter((m) => m.severity === severity);
      if (!messages.length) continue;
      // Headings travel with the first finding under them, so truncation never leaves a bare heading.
      const fileHeading = `#### \`${neutralizeControls(file.filePath.replace(/`/g, "'"))}\`\n\n`;
      messages.forEach((m, i) => {
        findings.push(heading + (i === 0 ? fileHeading : '') + finding(m));
        heading = '';
      });
    }
  }
  return fit(head.join('\n'), findings, limit);
}

/** Appends one finding after another while they fit, leaving room for the note that says how many were left out. */
function fit(head: string, findings: string[], limit: number): string {
  let out = head;
  for (let i = 0; i < findings.length; i++) {
    const note = truncationNote(findings.length - i, limit);
    if (out.length + 1 + findings[i].length + note.length > limit) return out + note;
    out += '\n' + findings[i];
  }
  return out;
}

function truncationNote(left: number, limit: number): string {
  return `\n---\n\n_${plural(left, 'more finding')} not shown: this comment is kept under ${limit.toLocaleString('en-US')} characters. Run \`npx drizzle-migration-lint\` locally, or use \`--format json\` or \`--format sarif\`, to see them all._\n`;
}
