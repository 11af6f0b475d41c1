import { nodeAs } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import { transactionControl } from '../sql/transaction-control.js';
import type { FileEndContext, Report, Rule } from './types.js';
import { autocommitOnly } from '../pg/outside-transaction.js';

interface Escape {
  commit: Statement;
  begin?: Statement;
  labels: string[];
  lastLine: number;
}

/** Statements that belong inside an escape from the transaction: the ones that need autocommit, and settings. */
function escapable(stmt: Statement): boolean {
  return !!autocommitOnly(stmt) || !!nodeAs(stmt.node, 'VariableSetStmt') || !!nodeAs(stmt.node, 'VacuumStmt');
}

/** `COMMIT; <statements that need autocommit>; [BEGIN;]`: the deliberate way out of the runner's transaction. */
function escapeAt(top: Statement[], i: number): Escape | undefined {
  let k = i + 1;
  const labels: string[] = [];
  while (k < top.length && transactionControl(top[k]) === undefined && escapable(top[k])) {
    const op = autocommitOnly(top[k]);
    if (op && !labels.includes(op.label)) labels.push(op.label);
    k++;
  }
  if (!labels.length) return undefined;
  const last = top[k - 1];
  if (k === top.length) return { commit: top[i], labels, lastLine: last.location.endLine };
  if (transactionControl(top[k]) === 'begin') return { commit: top[i], begin: top[k], labels, lastLine: top[k].location.endLine };
  return undefined;
}

function escapeReport(e: Escape, runner: string): Omit<Report, 'at'> {
  const args = { begin: !!e.begin, operations: e.labels.join(', '), count: e.labels.length, fromLine: e.commit.location.line, toLine: e.lastLine };
  return { message: runner === 'drizzle' ? messages.escapeDrizzle(args) : messages.escapeRunner(args), hint: messages.escapeHint() };
}

function checkDrizzle(ctx: FileEndContext, top: Statement[], handled: Set<Statement>): void {
  const controls = top.filter((s) => transactionControl(s) && !handled.has(s));
  const hint = messages.controlInDrizzleHint();
  for (let i = 0; i < controls.length; i++) {
    const s = controls[i];
    const control = transactionControl(s);
    const next = controls[i + 1];
    if (control === 'begin' && next && transactionControl(next) === 'commit') {
      // A BEGIN … COMMIT pair is one mistake, not two.
      i++;
      const whole = s === top[0] && next === top[top.length - 1];
      ctx.reportAt(
        s.location,
        {
          message: whole
            ? messages.beginCommitWholeFile({ commitLine: next.location.line })
            : messages.beginCommitPair({ beginLine: s.location.line, commitLine: next.location.line }),
          hint: messages.beginCommitHint(),
        },
        s,
      );
      continue;
    }
    const message = control === 'begin' ? messages.beginInDrizzle() : control === 'commit' ? messages.commitInDrizzle() : messages.rollbackInDrizzle();
    ctx.reportAt(s.location, { message, hint }, s);
  }
}

function checkOthers(ctx: FileEndContext, top: Statement[], handled: Set<Statement>): void {
  const perFile = ctx.options.runner === 'per-file';
  let open: Statement | 'runner' | undefined = perFile ? 'runner' : undefined;
  const first = top[0];
  const last = top[top.length - 1];
  // A whole-file BEGIN … COMMIT inside a per-file runner's transaction only draws warnings.
  const wrapper = transactionControl(first) === 'begin' && transactionControl(last) === 'commit';
  top.forEach((s, i) => {
    const control = transactionControl(s);
    if (!control) return;
    if (handled.has(s)) {
      open = control === 'begin' ? s : undefined;
      return;
    }
    if (control === 'begin') {
      if (open && !(perFile && wrapper && s === first)) {
        ctx.reportAt(
          s.location,
          {
            message: messages.nestedBegin({ outer: open === 'runner' ? messages.nestedBeginInRunner() : messages.nestedBeginAfter({ line: open.location.line }) }),
            hint: messages.nestedBeginHint(),
          },
          s,
        );
      }
      if (!open || open === 'runner') open = s;
      return;
    }
    if (!open) {
      ctx.reportAt(s.location, { message: messages.noOpenTransaction({ control: control.toUpperCase() }), hint: messages.noOpenTransactionHint() }, s);
    } else if (perFile && !(wrapper && s === last) && i < top.length - 1) {
      ctx.reportAt(
        s.location,
        {
          message: messages.endsRunnerTransaction({ control: control.toUpperCase() }),
          hint: messages.endsRunnerTransactionHint(),
        },
        s,
      );
    }
    open = undefined;
  });
  if (open && open !== 'runner' && !perFile) {
    const begin = open as Statement;
    ctx.reportAt(
      begin.location,
      {
        message: messages.neverCommitted(),
        hint: messages.neverCommittedHint(),
      },
      begin,
    );
  }
}

const escapeStart = (a: { begin: boolean; operations: string; count: number; fromLine: number; toLine: number }, whose: string) =>
  `COMMIT … ${a.begin ? 'BEGIN ' : ''}around ${a.operations} (lines ${a.fromLine}–${a.toLine}) deliberately leaves ${whose} so that ${a.count > 1 ? 'they' : 'it'} can run.`;
const escapeCost = (before: string) =>
  `It works, at a cost: ${before} is committed on its own, so if a later statement fails the migration is half applied and a rerun repeats the committed part; and a CONCURRENTLY build that fails leaves an INVALID index that IF NOT EXISTS then silently keeps.`;
const beginCommitEffect = (commitLine: number, after: string) =>
  `drizzle-kit migrate already runs the batch in one transaction, so this BEGIN only draws a warning, and the COMMIT at line ${commitLine} commits the batch's transaction early: ${after} without a transaction, and when a later statement fails the batch is half applied and drizzle's record of applied migrations no longer matches the database.`;

export const messages = {
  /**
   * COMMIT [… BEGIN] around statements that need autocommit, under drizzle. `operations`: what needs it,
   * listed; `count`: how many; `begin`: a BEGIN reopens a transaction after them.
   */
  escapeDrizzle: (a: { begin: boolean; operations: string; count: number; fromLine: number; toLine: number }) =>
    `${escapeStart(a, "drizzle-kit migrate's batch transaction")} ${escapeCost('everything before the COMMIT, earlier migrations of the batch included,')}${a.begin ? '' : ' With no BEGIN after it, the rest of the batch also runs without a transaction.'}`,
  /** The same under the per-file or no runner. */
  escapeRunner: (a: { begin: boolean; operations: string; count: number; fromLine: number; toLine: number }) =>
    `${escapeStart(a, "the runner's transaction")} ${escapeCost('everything before the COMMIT')}${a.begin ? '' : ' With no BEGIN after it, the rest of the file runs without a transaction.'}`,
  escapeHint: () =>
    'Keep the escape in a migration file of its own, with IF NOT EXISTS / IF EXISTS and `--> statement-breakpoint` around each statement; after a failed deploy look for INVALID indexes (DROP INDEX CONCURRENTLY them, then rerun). Suppress this finding with a reason once you accept the cost.',
  beginCommitWholeFile: (a: { commitLine: number }) =>
    `BEGIN … COMMIT around the whole migration: ${beginCommitEffect(a.commitLine, 'migrations after this one run')}`,
  beginCommitPair: (a: { beginLine: number; commitLine: number }) =>
    `BEGIN … COMMIT (lines ${a.beginLine}–${a.commitLine}): ${beginCommitEffect(a.commitLine, 'what follows runs')}`,
  beginCommitHint: () => 'Remove the BEGIN and the COMMIT: drizzle wraps the migrations in a transaction for you.',
  beginInDrizzle: () =>
    'BEGIN inside a migration: drizzle-kit migrate already runs the batch in one transaction, so Postgres ignores it with a warning (after a COMMIT it opens a transaction that only drizzle’s final commit closes).',
  commitInDrizzle: () =>
    'COMMIT inside a migration commits drizzle-kit migrate’s batch transaction early: everything before it, earlier migrations of the batch included, is committed, and what follows runs without a transaction; if a later statement fails, the batch is half applied and drizzle’s record of applied migrations no longer matches the database.',
  rollbackInDrizzle: () =>
    'ROLLBACK inside a migration undoes everything the batch did so far, yet drizzle goes on and records this and the later migrations as applied.',
  controlInDrizzleHint: () => 'Remove it: drizzle runs each batch in a transaction of its own. To run CONCURRENTLY statements, see concurrently-in-transaction.',
  /** `outer`: the open transaction, as nestedBeginInRunner() or nestedBeginAfter(). */
  nestedBegin: (a: { outer: string }) =>
    `BEGIN inside a transaction that is already open (${a.outer}): Postgres ignores it with a warning, so the next COMMIT ends the outer transaction too.`,
  nestedBeginInRunner: () => 'the runner runs each file in one',
  nestedBeginAfter: (a: { line: number }) => `BEGIN at line ${a.line}`,
  nestedBeginHint: () => 'Remove the inner BEGIN, or COMMIT the first transaction before it.',
  /** `control`: COMMIT or ROLLBACK. */
  noOpenTransaction: (a: { control: string }) =>
    `${a.control} with no open transaction: Postgres only warns (25P01), and the statements before it were not in the transaction this suggests.`,
  noOpenTransactionHint: () => 'Add the matching BEGIN or remove it.',
  endsRunnerTransaction: (a: { control: string }) =>
    `${a.control} in the middle of the file ends the runner's transaction early: the statements after it run without a transaction, so a failure leaves the migration half applied.`,
  endsRunnerTransactionHint: () => 'Remove it, or move the statements after it into a migration of their own.',
  neverCommitted: () =>
    'BEGIN is never committed in this file: whatever runs the migration ends the session with the transaction open, and Postgres rolls it back.',
  neverCommittedHint: () => 'Add COMMIT at the end of the file.',
};

export const unbalancedTransaction: Rule = {
  id: 'unbalanced-transaction',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'BEGIN/COMMIT inside a drizzle migration, nested BEGIN, or BEGIN never committed',
  squawk: ['transaction-nesting', 'ban-uncommitted-transaction'],
  messages,
  endOfFile(ctx) {
    const top = ctx.statements.filter((s) => !s.doBlock);
    if (!top.some((s) => transactionControl(s))) return;
    const handled = new Set<Statement>();
    if (ctx.options.runner !== 'none') {
      top.forEach((s, i) => {
        if (transactionControl(s) !== 'commit' || handled.has(s)) return;
        const e = escapeAt(top, i);
        if (!e) return;
        handled.add(e.commit);
        if (e.begin) handled.add(e.begin);
        ctx.reportAt(e.commit.location, escapeReport(e, ctx.options.runner), e.commit);
      });
    }
    if (ctx.options.runner === 'drizzle') checkDrizzle(ctx, top, handled);
    else checkOthers(ctx, top, handled);
  },
};
