import type { Statement } from '../sql/statement.js';
import type { Runner, SessionInfo, SessionSetting, TransactionInfo } from '../rules/types.js';
import { settingChangeOf } from '../sql/session-settings.js';
import { transactionControl } from '../sql/transaction-control.js';

interface Open {
  id: number;
  source: 'runner' | 'explicit' | 'implicit';
  statements: Statement[];
  /** SET LOCAL values: they end with the transaction. */
  local: Map<string, SessionSetting>;
  /** Session values when the transaction began, restored by ROLLBACK. */
  sessionAtStart: Map<string, SessionSetting>;
  /** For an implicit block: the last top-level statement of its query string. */
  endsAfter?: Statement;
}

/**
 * Follows which transaction each statement runs in, as ../shared/RULES.md "Runner models" defines:
 * `drizzle` opens one transaction for the whole batch, `per-file` one per file, `none` nothing; explicit
 * BEGIN / COMMIT / ROLLBACK are tracked on top. It also follows the session (one connection per batch:
 * one `migrate` run) and the run-time settings the statements change in it (`SET [LOCAL] lock_timeout`).
 *
 * Call order per batch: startBatch, then per file startFile, per statement before → rules → after,
 * endFile; then endBatch.
 */
export class TransactionTracker {
  private nextId = 1;
  private open: Open | undefined;
  private autocommitId = 0;
  private session = new Map<string, SessionSetting>();
  /** Per breakpoint chunk of the current file: how many top-level statements, and its last statement. */
  private chunks = new Map<number, { topLevel: number; last: Statement }>();

  constructor(private readonly runner: Runner) {}

  /** The next transaction id: with `resumeIds`, lets a cached history stand in for replaying it. */
  get nextTransactionId(): number {
    return this.nextId;
  }

  /** Continues numbering where a replay of the cached history left off. */
  resumeIds(nextId: number): void {
    this.nextId = nextId;
  }

  startBatch(): void {
    this.open = undefined;
    this.session = new Map();
    if (this.runner === 'drizzle') this.begin('runner');
  }

  endBatch(): void {
    this.open = undefined;
  }

  startFile(statements: readonly Statement[] = []): void {
    this.chunks = new Map();
    for (const s of statements) {
      const c = this.chunks.get(s.chunk) ?? { topLevel: 0, last: s };
      if (!s.doBlock) c.topLevel++;
      // DO-body statements follow their DO statement, so the last one seen is the chunk's end.
      c.last = s;
      this.chunks.set(s.chunk, c);
    }
    if (this.runner === 'per-file') this.begin('runner');
  }

  /**
   * Whether the transaction open at the end of the current file goes on in the next file: only the
   * drizzle runner carries one across files, and only within a batch.
   */
  continuesIntoNextFile(nextInSameBatch: boolean): boolean {
    return this.open !== undefined && this.runner === 'drizzle' && nextInSameBatch;
  }

  endFile(): void {
    // per-file: the runner commits (whatever is open); none: nothing carries a transaction to the next file.
    if (this.runner === 'per-file' || this.runner === 'none') this.close('commit');
  }

  private begin(source: Open['source']): Open {
    this.open = {
      id: this.nextId++,
      source,
      statements: [],
      local: new Map(),
      sessionAtStart: new Map(this.session),
    };
    return this.open;
  }

  private close(how: 'commit' | 'rollback'): void {
    if (this.open && how === 'rollback') this.session = new Map(this.open.sessionAtStart);
    this.open = undefined;
  }

  /**
   * Call before the rules see a statement. Under drizzle, a breakpoint chunk is sent as one query
   * string; when it holds several statements and no transaction is open, Postgres runs them as one
   * implicit transaction block (where CONCURRENTLY fails just the same).
   */
  before(stmt: Statement): void {
    if (this.open) return;
    const chunk = this.chunks.get(stmt.chunk);
    if (this.runner === 'drizzle' && !stmt.doBlock && chunk && chunk.topLevel > 1 && transactionControl(stmt) === undefined) {
      this.begin('implicit').endsAfter = chunk.last;
      return;
    }
    this.autocommitId = this.nextId++;
  }

  /** The transaction a statement runs in, as seen before the statement (and at the end of a file). */
  current(): TransactionInfo {
    const open = this.open;
    if (!open) return { id: this.autocommitId || this.nextId++, active: false, source: 'none', previous: [] };
    return { id: open.id, active: true, source: open.source, previous: open.statements };
  }

  /** The session (connection) the batch runs in: a live view, so one serves the whole run. */
  sessionInfo(): SessionInfo {
    return {
      setting: (name) => {
        const key = name.toLowerCase();
        return this.open?.local.get(key) ?? this.session.get(key);
      },
    };
  }

  get active(): boolean {
    return this.open !== undefined;
  }

  /** Records that a statement ran, and follows transaction control and settings. */
  after(stmt: Statement): void {
    const control = transactionControl(stmt);
    if (control === 'begin') {
      // BEGIN inside a transaction only warns in Postgres; the transaction goes on. Inside an implicit
      // block it turns the block into an ordinary one that outlives the query string.
      if (!this.open) this.begin('explicit');
      else if (this.open.source === 'implicit') {
        this.open.source = 'explicit';
        this.open.endsAfter = undefined;
      }
      return;
    }
    if (control) {
      this.close(control);
      return;
    }
    this.applySetting(stmt);
    if (this.open) {
      this.open.statements.push(stmt);
      if (this.open.endsAfter === stmt) this.close('commit');
    }
  }

  private applySetting(stmt: Statement): void {
    const change = settingChangeOf(stmt);
    if (!change) return;
    const key = change.name.toLowerCase();
    if (key === '*') {
      this.open?.local.clear();
      this.session.clear();
      return;
    }
    if (change.local) {
      // SET LOCAL outside a transaction block only warns and has no effect.
      if (!this.open) return;
      if (change.value === undefined) this.open.local.delete(key);
      else this.open.local.set(key, { value: change.value, local: true, statement: stmt });
      return;
    }
    this.open?.local.delete(key);
    if (change.value === undefined) this.session.delete(key);
    else this.session.set(key, { value: change.value, local: false, statement: stmt });
  }
}
