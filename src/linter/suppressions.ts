import type { ParsedFile } from '../sql/parse-file.js';
import type { SourceFile, Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import type { Message } from './result.js';
import { idsForSquawkName } from '../rules/index.js';
import { unusedSuppression } from '../rules/unused-suppression.js';

export type SuppressionScope = 'next-statement' | 'file';

export interface Suppression {
  scope: SuppressionScope;
  ruleIds: string[];
  reason?: string;
  /** Offsets of the comment in the file text. */
  start: number;
  end: number;
  location: Location;
  /** Rule ids that matched at least one finding. */
  used: Set<string>;
  /**
   * A squawk comment (`-- squawk-ignore ban-drop-column`), its rule names read as ours: it silences
   * what it names, but is never itself a finding (unused, unknown name or no reason), since a team
   * moving from squawk has such comments for squawk's findings, not ours.
   */
  squawk?: true;
}

const DIRECTIVE = /--\s*migration-lint-disable-(next-statement|file)\b([^\n]*)/g;
const SQUAWK_DIRECTIVE = /--\s*squawk-ignore(-file)?(?![\w-])([^\n]*)/g;

/**
 * Reads `-- migration-lint-disable-next-statement id[, id] -- reason` and `…-disable-file …` comments,
 * and squawk's `-- squawk-ignore name[, name]` / `-- squawk-ignore-file name[, name]`.
 */
export function readSuppressions(file: SourceFile): Suppression[] {
  const text = file.text;
  if (!hasDirective(text)) return [];
  const out: Suppression[] = [];
  const read = (pattern: RegExp, parse: (m: RegExpMatchArray, ids: string[], reason: string | undefined) => Omit<Suppression, 'start' | 'end' | 'location' | 'used'> | undefined) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index!;
      // Only a comment that starts its own line (after optional whitespace) is a directive, so that
      // the text inside string literals or after SQL on the same line is not mistaken for one.
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      if (text.slice(lineStart, start).trim() !== '') continue;
      const rest = m[2].replace(/\r$/, '');
      const sep = rest.indexOf('--');
      const ids = (sep === -1 ? rest : rest.slice(0, sep))
        .split(/[,\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const reason = sep === -1 ? undefined : rest.slice(sep + 2).trim() || undefined;
      const parsed = parse(m, ids, reason);
      if (!parsed) continue;
      const end = start + m[0].replace(/\r$/, '').length;
      out.push({ ...parsed, start, end, location: file.location(start, end), used: new Set() });
    }
  };
  read(DIRECTIVE, (m, ruleIds, reason) => ({ scope: m[1] === 'file' ? 'file' : 'next-statement', ruleIds, reason }));
  // A squawk comment without names ignores everything in squawk; here it silences nothing, so that
  // an old blanket ignore does not hide the findings squawk could not make.
  read(SQUAWK_DIRECTIVE, (m, names, reason) => {
    const ruleIds = [...new Set(names.flatMap(idsForSquawkName))];
    return ruleIds.length ? { scope: m[1] ? 'file' : 'next-statement', ruleIds, reason, squawk: true } : undefined;
  });
  return out.sort((a, b) => a.start - b.start);
}

/** What marking needs of a parsed file: its text and where its statements are. */
export interface SuppressibleFile {
  file: SourceFile;
  statements: readonly Pick<Statement, 'start' | 'end' | 'doBlock'>[];
}

/**
 * The part of a parsed file that marking needs later, without its syntax trees; undefined when the
 * file has no suppression comment.
 */
export function suppressibleFile(parsed: ParsedFile): SuppressibleFile | undefined {
  if (!hasDirective(parsed.file.text)) return undefined;
  return { file: parsed.file, statements: parsed.statements.filter((s) => !s.doBlock).map((s) => ({ start: s.start, end: s.end })) };
}

const hasDirective = (text: string) => text.includes('migration-lint-disable') || text.includes('squawk-ignore');

/**
 * Marks the findings that the file's suppression comments cover (and records which rule ids each
 * comment silenced). `unused-suppression` findings are never silenced.
 */
export function markSuppressed(parsed: SuppressibleFile, messages: Message[]): Suppression[] {
  const suppressions = readSuppressions(parsed.file);
  if (!suppressions.length) return suppressions;
  const topLevel = parsed.statements.filter((s) => !s.doBlock);
  const ranges = suppressions.map((s) => coveredRange(s, topLevel, parsed.file.text.length));
  for (const m of messages) {
    if (m.ruleId === unusedSuppression.id) continue;
    const offset = parsed.file.offset(m.line, m.column);
    suppressions.forEach((s, i) => {
      const [from, to] = ranges[i];
      if (s.ruleIds.includes(m.ruleId) && offset >= from && offset <= to) {
        m.suppressed = true;
        s.used.add(m.ruleId);
      }
    });
  }
  return suppressions;
}

/** The file-text range a suppression covers: the whole file, or the next statement (with its DO body). */
function coveredRange(s: Suppression, statements: readonly Pick<Statement, 'start' | 'end'>[], length: number): [number, number] {
  if (s.scope === 'file') return [0, length];
  const next = statements.find((st) => st.start >= s.end);
  // From the comment on, so that a chunk the parser rejected right after it (unparsable-sql) is covered too.
  return next ? [s.end, next.end] : [s.end, length];
}
