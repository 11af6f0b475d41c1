import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import { durationMs } from '../sql/session-settings.js';
import type { Report, Rule, StatementContext, TransactionInfo } from './types.js';
import { existingTableLocks } from './support/existing-locks.js';
import { blocksWrites, lockEffect, lockRank, type LockMode } from '../pg/lock-modes.js';
import { showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

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

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'SET lock_timeout = \'5s\' at the start of the batch (a plain SET lasts for the whole migrate run)',
  noLockTimeout: (a: { mode: LockMode; relation: string; effect: string; queued: LockMode; queue: string; strongest: string }) =>
    `No lock_timeout is set before this statement takes ${a.mode} on ${a.relation} (it ${a.effect}).${a.strongest} If any open transaction touches the table, the migration waits in the lock queue, and while it waits a queued ${a.queued} makes ${a.queue} on the table wait behind it: an outage with no error.`,
  strongestElsewhere: (a: { mode: LockMode; relation: string; file: string; line: number }) =>
    ` The strongest lock this transaction takes is ${a.mode} on ${a.relation} (${a.file}, line ${a.line}).`,
  strongestHere: (a: { mode: LockMode; relation: string; line: number }) => ` The strongest lock this transaction takes here is ${a.mode} on ${a.relation} (line ${a.line}).`,
  folded: (a: { files: number }) =>
    `${a.files} migrations of this folder take such a lock with no lock_timeout; this finding stands for all of them (with --since or --baseline it is reported once per transaction about to run).`,
  hint: (): string =>
    withFixRecipe("Set lock_timeout on the connection that runs the migrations: add ?options=-c%20lock_timeout%3D5s to the database URL drizzle-kit migrate uses (or your runner's own setting) and set lockTimeoutSetByRunner: true; or start the migration with SET lock_timeout = '5s';. Retry the deploy if it times out.", messages.fixRecipe()),
};

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
  const strongest =
    s.filePath !== p.filePath
      ? messages.strongestElsewhere({ mode: s.mode, relation: s.relation, file: s.filePath, line: s.line })
      : s.line !== p.first.location.line
        ? messages.strongestHere({ mode: s.mode, relation: s.relation, line: s.line })
        : '';
  // ACCESS EXCLUSIVE queued conflicts with ACCESS SHARE; SHARE and stronger with ROW EXCLUSIVE.
  const queue = s.mode === 'ACCESS EXCLUSIVE' ? 'even plain SELECTs' : 'every write';
  reportAt(
    p.first.location,
    { message: messages.noLockTimeout({ mode: p.firstMode, relation: p.firstRelation, effect: lockEffect(p.firstMode), queued: s.mode, queue, strongest }), hint: messages.hint() },
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
  messages,
  foldWithoutBatch: messages.folded,
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
