import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import { durationMs } from '../sql/session-settings.js';
import type { Report, Rule, StatementContext, TransactionInfo } from './types.js';
import { existingTableLocks } from './support/existing-locks.js';
import { blocksWrites, lockEffect, lockRank, type LockMode } from '../pg/lock-modes.js';
import { showRelation } from '../sql/qualified-name.js';

interface Pending {
  filePath: string;
  first: Statement;
  firstMode: LockMode;
  firstRelation: string;
  strongest: { mode: LockMode; relation: string; line: number; filePath: string };
}

interface State {
  /** Transactions (or the autocommit run) already reported. */
  done: Set<number | 'autocommit'>;
  /**
   * Findings held until their transaction's last file has been checked (under drizzle a batch's
   * transaction spans its files), so that they can name the strongest lock the transaction takes.
   */
  pending: Map<number | 'autocommit', Pending>;
}

function lockTimeoutInEffect(ctx: StatementContext): boolean {
  const set = ctx.session.setting('lock_timeout');
  if (!set) return false;
  // 0 disables the timeout; a value we cannot read is given the benefit of the doubt.
  return durationMs(set.value) !== 0;
}

const newState = (): State => ({ done: new Set(), pending: new Map() });

/** Outside a transaction (runner none, after COMMIT), statements share one key: the session's. */
const transactionKey = (t: TransactionInfo): number | 'autocommit' => (t.active ? t.id : 'autocommit');

/** Reports a held finding, in the file of its first statement, naming the strongest lock seen. */
function flush(
  state: State,
  key: number | 'autocommit',
  p: Pending,
  reportAt: (location: Location, report: Omit<Report, 'at'>, statement: Statement, filePath: string) => void,
): void {
  state.pending.delete(key);
  state.done.add(key);
  const s = p.strongest;
  const later =
    s.filePath !== p.filePath
      ? ` The strongest lock this transaction takes is ${s.mode} on ${s.relation} (${s.filePath}, line ${s.line}).`
      : s.line !== p.first.location.line
        ? ` The strongest lock this transaction takes here is ${s.mode} on ${s.relation} (line ${s.line}).`
        : '';
  const queue = s.mode === 'ACCESS EXCLUSIVE' ? 'even plain SELECTs' : 'every write';
  reportAt(
    p.first.location,
    {
      message: `No lock_timeout is set before this statement takes ${p.firstMode} on ${p.firstRelation} (it ${lockEffect(p.firstMode)}).${later} If any open transaction touches the table, the migration waits in the lock queue, and while it waits a queued ${s.mode} makes ${queue} on the table wait behind it: an outage with no error.`,
      hint: "Start the migration with SET lock_timeout = '5s'; and retry the deploy if it times out (drizzle-kit migrate runs a batch on one connection: a plain SET lasts for the run, SET LOCAL for the transaction). If your deploy sets lock_timeout itself, set lockTimeoutSetByRunner: true.",
    },
    p.first,
    p.filePath,
  );
}

export const missingLockTimeout: Rule = {
  id: 'missing-lock-timeout',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'A statement waits for a write-blocking lock on an existing table with no lock_timeout: while it waits, every new query on the table queues behind it',
  squawk: ['require-timeout-settings'],
  create() {
    const state = newState();
    return {
      check(ctx) {
        if (ctx.options.lockTimeoutSetByRunner || lockTimeoutInEffect(ctx)) return;
        const locks = existingTableLocks(ctx).filter((l) => blocksWrites(l.mode));
        if (!locks.length) return;
        const strongest = locks.reduce((a, b) => (lockRank(b.mode) > lockRank(a.mode) ? b : a));
        const key = transactionKey(ctx.transaction);
        if (state.done.has(key)) return;
        const relation = showRelation(strongest.ref);
        const pending = state.pending.get(key);
        if (!pending) {
          state.pending.set(key, {
            filePath: ctx.filePath,
            first: ctx.statement,
            firstMode: strongest.mode,
            firstRelation: relation,
            strongest: { mode: strongest.mode, relation, line: ctx.statement.location.line, filePath: ctx.filePath },
          });
        } else if (lockRank(strongest.mode) > lockRank(pending.strongest.mode)) {
          pending.strongest = { mode: strongest.mode, relation, line: ctx.statement.location.line, filePath: ctx.filePath };
        }
      },
      endOfFile(ctx) {
        const open = transactionKey(ctx.transaction);
        for (const [key, p] of state.pending) {
          // Its transaction goes on in the next file, which may take a stronger lock.
          if (key === open && ctx.transactionContinues) continue;
          flush(state, key, p, ctx.reportAt);
        }
      },
      endOfBatch(ctx) {
        // What a transaction left pending when its last files were not linted (not named, or unreadable).
        for (const [key, p] of state.pending) flush(state, key, p, (loc, r, stmt) => ctx.reportAt(p.filePath, loc, r, stmt));
      },
    };
  },
};
