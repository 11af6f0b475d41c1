import { BREAKPOINT } from '../sql/split-breakpoints.js';
import type { ParsedFile } from '../sql/parse-file.js';
import type { Statement } from '../sql/statement.js';
import type { PlanProblem, SqlChunk } from './types.js';
import { guardedDo, rerunnable } from './rerunnable.js';

/** The suppression written on top of a file that leaves drizzle's transaction on purpose. */
export const ESCAPE_NOTE =
  '-- migration-lint-disable-file unbalanced-transaction -- written by `drizzle-migration-lint fix`: the COMMIT;/BEGIN; chunks run the statements that need it outside the batch transaction; every statement before the last COMMIT is written to be re-run after a failure (the cost: no all-or-nothing rollback of this migration)';

const SEPARATOR = `;\n${BREAKPOINT}\n`;

interface Entry {
  stmt: Statement;
  chunks: (SqlChunk & { original?: boolean })[];
  parts: string[];
}

/**
 * Rewrites one migration: each statement with a replacement becomes its chunks; `COMMIT;` / `BEGIN;`
 * chunks (drizzle's breakpoints around them, so drizzle's migrator sends each on its own) switch to
 * autocommit and back; statements committed before the last COMMIT are made re-runnable. The file
 * ends inside a transaction, so that drizzle's own insert into its migrations table and COMMIT close it.
 */
export function renderFile(parsed: ParsedFile, replacements: Map<Statement, SqlChunk[]>, prelude: SqlChunk[]): { text: string; problems: PlanProblem[] } {
  const text = parsed.file.text;
  const tops = parsed.statements.filter((s) => !s.doBlock);
  const problems: PlanProblem[] = [];
  if (!tops.length) return { text, problems };
  const entries: Entry[] = tops.map((stmt) => ({ stmt, chunks: replacements.get(stmt) ?? [{ sql: stmt.text, mode: 'transaction', original: true }], parts: [] }));
  entries[0].chunks = [...prelude, ...entries[0].chunks];

  // Everything before the last autocommit chunk gets committed before drizzle records the migration.
  let last = -1;
  entries.forEach((e, i) => e.chunks.some((c) => c.mode === 'autocommit') && (last = i));
  if (last >= 0) {
    for (let i = 0; i < last; i++) {
      const e = entries[i];
      e.chunks = e.chunks.map((c) => {
        if (!c.original) return c;
        if (e.stmt.kind === 'DoStmt' && guardedDo(e.stmt, parsed.statements)) return c;
        const again = rerunnable(e.stmt);
        if (again === undefined) {
          problems.push({
            path: parsed.file.path,
            line: e.stmt.location.line,
            kind: 'not-rerunnable',
            message: `this ${e.stmt.kind.replace(/Stmt$/, '')} statement runs before a COMMIT that fix adds and has no re-runnable form: if a later statement fails, a re-run repeats it. Move it into a migration of its own, or the statement fix rewrites into a later one`,
          });
          return c;
        }
        return again === c.sql ? c : { ...c, sql: again, original: false };
      });
    }
  }

  let inTransaction = true;
  for (const e of entries) {
    for (const c of e.chunks) {
      if (c.mode === 'autocommit' && inTransaction) {
        e.parts.push('COMMIT');
        inTransaction = false;
      } else if (c.mode === 'transaction' && !inTransaction) {
        e.parts.push('BEGIN');
        inTransaction = true;
      }
      e.parts.push(c.sql);
    }
  }
  if (!inTransaction) entries[entries.length - 1].parts.push('BEGIN');

  const changed = (e: Entry) => e.parts.length !== 1 || e.parts[0] !== e.stmt.text;
  const multi = (e: Entry) => e.parts.length > 1;
  const edits: { start: number; end: number; text: string }[] = [];
  entries.forEach((e, i) => {
    const next = entries[i + 1];
    // drizzle sends each breakpoint chunk as one query: a statement that shares its chunk with a rewritten neighbour is split off.
    const separate = !!next && next.stmt.chunk === e.stmt.chunk && (multi(e) || multi(next));
    if (!changed(e) && !separate) return;
    const end = afterSemicolon(text, e.stmt.end);
    // A statement that moved whole to a follow-up migration leaves a comment: no semicolon, and a line of its own.
    const tail = e.parts[e.parts.length - 1]?.startsWith('--') ? '\n' : ';';
    edits.push({ start: e.stmt.start, end, text: e.parts.join(SEPARATOR) + tail + (separate ? `\n${BREAKPOINT}` : '') });
  });
  let out = text;
  for (const ed of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end);
  if (last >= 0 && !out.includes('migration-lint-disable-file unbalanced-transaction')) {
    const bom = out.startsWith('\uFEFF') ? '\uFEFF' : '';
    out = bom + ESCAPE_NOTE + '\n' + out.slice(bom.length);
  }
  return { text: out, problems };
}

/** The offset after the statement's `;` (when it has one). */
function afterSemicolon(text: string, end: number): number {
  const m = /^[ \t]*;/.exec(text.slice(end, end + 64));
  return m ? end + m[0].length : end;
}
