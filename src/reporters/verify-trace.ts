import type { Paint } from './text.js';
import type { LockMode, ObservedLock, StatementTrace, VerifyResult } from '../verify/types.js';

/** What other sessions cannot do while a mode is held (measured: reference/postgres-locks.md, "Lock modes"). */
const BLOCKS: Record<LockMode, string> = {
  'ACCESS EXCLUSIVE': 'reads + writes',
  EXCLUSIVE: 'writes, FOR UPDATE',
  'SHARE ROW EXCLUSIVE': 'writes',
  SHARE: 'writes',
  'SHARE UPDATE EXCLUSIVE': 'DDL, vacuum',
  'ROW EXCLUSIVE': '—',
  'ROW SHARE': '—',
  'ACCESS SHARE': '—',
};

/** An ACCESS EXCLUSIVE index lock stops plain SELECTs of its table too: the planner locks every index. */
function blocks(lock: ObservedLock): string {
  if (lock.kind === 'index' && lock.mode === 'ACCESS EXCLUSIVE') return `reads + writes of ${lock.table}`;
  if (lock.kind === 'type') return lock.mode === 'ACCESS SHARE' ? '—' : 'other DDL on the type';
  return BLOCKS[lock.mode];
}

const HOW_RUN: Record<string, string> = {
  drizzle: 'each pending batch in one transaction as drizzle-kit migrate does',
  'per-file': 'each pending file in its own transaction (--runner per-file)',
  none: 'each pending statement on its own, with no transaction around the file (--runner none)',
};

const PROBLEM = /^(.*?) (\S+:\d+:\d+): (.*)$/s;

/**
 * One line per cause: the statements of the history (or of a re-applied batch) that failed with the
 * same error, counted, with the first place it happened.
 */
export function summariseProblems(problems: string[]): string[] {
  const groups = new Map<string, { count: number; first: string }>();
  for (const problem of problems) {
    const m = PROBLEM.exec(problem);
    const key = m ? `${m[1]}\u0000${m[3]}` : problem;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { count: 1, first: m ? m[2] : '' });
  }
  return [...groups].map(([key, g]) => {
    const [what, cause] = key.split('\u0000');
    if (cause === undefined) return `Could not apply ${what}`;
    const n = `${g.count} ${what === 'history' ? 'history ' : ''}statement${g.count === 1 ? '' : 's'}`;
    const at = `(${g.count === 1 ? 'at' : 'first at'} ${g.first})`;
    return what === 'history' ? `Could not apply ${n}: ${cause} ${at}` : `Could not re-apply ${n} of the failed batch: ${cause} ${at}`;
  });
}

/** The text reporter's colours that a trace uses. */
export type TracePaint = Pick<Paint, 'red' | 'dim' | 'bold' | 'underline'>;

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

function firstLine(sql: string, max = 100): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function table(rows: string[][], indent: string): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

/**
 * eugene-style trace: per statement the relations it locked (strongest new mode), what that mode
 * blocks, whether each got new storage or was scanned, and the time.
 */
export function formatStatement(t: StatementTrace, p: TracePaint): string[] {
  const head = `  ${p.dim(`${t.line}:${t.column}`.padEnd(7))} ${firstLine(t.statement)}`;
  const o = t.observed;
  const indent = '          ';
  if (t.status === 'not-run' || t.status === 'not-verifiable') return [head, `${indent}${p.dim(`– ${t.note}`)}`];
  if (!o) return [head];
  if (t.status === 'failed' && o.error) return [head, `${indent}${p.red(`✖ ERROR ${o.error.code}: ${o.error.message}`)}  ${p.dim(ms(o.durationMs))}`];
  const lines = [head];
  const rewritten = new Set(o.rewritten);
  const scanned = new Set(o.scanned);
  // A type's ACCESS SHARE (taken when a table using it is rewritten) blocks nothing worth a row.
  const shownLocks = o.locks.filter((l) => !(l.kind === 'type' && l.mode === 'ACCESS SHARE'));
  const rows = shownLocks.map((l) => [
    l.kind === 'table' ? l.relation : `${l.relation} (${l.kind})`,
    l.mode,
    blocks(l),
    rewritten.has(l.relation) ? 'yes' : 'no',
    scanned.has(l.relation) ? 'yes' : 'no',
  ]);
  // Storage or scans on relations it did not newly lock (already locked earlier in the batch).
  const locked = new Set(shownLocks.map((l) => l.relation));
  for (const r of new Set([...o.rewritten, ...o.scanned])) {
    if (!locked.has(r)) rows.push([r, '(already locked)', '', rewritten.has(r) ? 'yes' : 'no', scanned.has(r) ? 'yes' : 'no']);
  }
  if (!rows.length) {
    const held = o.held?.length ? ` (this transaction already holds ${o.held.map((h) => `${h.mode} on ${h.relation}`).join(', ')})` : '';
    lines.push(`${indent}${p.dim(`no new lock on an existing relation${held}, no rewrite, no scan  ${ms(o.durationMs)}`)}`);
  }
  else {
    rows[0].push(ms(o.durationMs));
    for (const r of rows.slice(1)) r.push('');
    const header = ['relation', 'lock', 'blocks', 'rewrite', 'scan', 'time'];
    const [h, ...body] = table([header, ...rows], indent);
    lines.push(p.dim(h), ...body);
  }
  if (t.note) lines.push(`${indent}${p.dim(`note: ${t.note}`)}`);
  return lines;
}

/** The per-file traces, then what the engine could not reproduce. */
export function formatTraces(result: VerifyResult, p: TracePaint): string {
  const out: string[] = [];
  for (const file of result.results) {
    if (!file.trace?.length) continue;
    out.push(p.underline(file.filePath));
    for (const t of file.trace) out.push(...formatStatement(t, p));
    out.push('');
  }
  const info = result.verify;
  if (info) {
    const where = info.engine.startsWith('PGlite') ? 'in a throwaway database' : 'inside one transaction that was rolled back: nothing was committed';
    out.push(p.dim(`Ran on ${info.engine}: ${HOW_RUN[info.runner ?? 'drizzle']}, ${where}.`));
    out.push(p.dim(`Sample rows: ${info.filledTables} existing table${info.filledTables === 1 ? '' : 's'} had a row before the pending batch.`));
    for (const u of info.unfilledTables) out.push(p.dim(`  could not fill ${u.table}: ${u.reason}`));
    if (info.stubRoles.length) out.push(p.dim(`Roles created as stubs (the engine has none): ${info.stubRoles.join(', ')}.`));
    for (const x of info.missingExtensions) out.push(p.dim(`Extension "${x}" is not available in PGlite: statements that need it are not verifiable.`));
    for (const n of info.notes) out.push(p.dim(n));
    for (const line of summariseProblems(info.historyProblems)) out.push(p.dim(line));
    out.push('');
  }
  return out.join('\n');
}
