import { nodeAs } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { Runner, TransactionInfo } from '../rules/types.js';

interface Open {
  id: number;
  source: 'runner' | 'explicit';
  statements: Statement[];
  stores: Map<string, unknown>;
}

/**
 * Follows which transaction each statement runs in: the runner's implicit one (the whole batch for
 * drizzle, each file for per-file, none for none) plus explicit BEGIN / COMMIT / ROLLBACK.
 */
export class TransactionTracker {
  private nextId = 1;
  private open: Open | undefined;

  constructor(private readonly runner: Runner) {}

  startBatch(): void {
    if (this.runner === 'drizzle') this.begin('runner');
  }

  endBatch(): void {
    if (this.runner === 'drizzle') this.open = undefined;
  }

  startFile(): void {
    if (this.runner === 'per-file') this.begin('runner');
  }

  endFile(): void {
    if (this.runner === 'per-file' || this.runner === 'none') this.open = undefined;
  }

  private begin(source: Open['source']): void {
    this.open = { id: this.nextId++, source, statements: [], stores: new Map() };
  }

  /** The transaction a statement runs in, as seen before the statement. */
  current(ruleId: string): TransactionInfo {
    const open = this.open;
    if (!open) {
      const id = this.nextId++;
      return { id, active: false, source: 'none', previous: [], store: (init) => init() };
    }
    return {
      id: open.id,
      active: true,
      source: open.source,
      previous: open.statements,
      store: <T>(init: () => T): T => {
        if (!open.stores.has(ruleId)) open.stores.set(ruleId, init());
        return open.stores.get(ruleId) as T;
      },
    };
  }

  get active(): boolean {
    return this.open !== undefined;
  }

  /** Records that a statement ran, and follows explicit transaction control. */
  after(stmt: Statement): void {
    const tx = nodeAs(stmt.node, 'TransactionStmt');
    if (tx && !stmt.doBlock) {
      switch (tx.kind) {
        case 'TRANS_STMT_BEGIN':
        case 'TRANS_STMT_START':
          // BEGIN inside a transaction only warns in Postgres; the transaction goes on.
          if (!this.open) this.begin('explicit');
          return;
        case 'TRANS_STMT_COMMIT':
        case 'TRANS_STMT_ROLLBACK':
        case 'TRANS_STMT_COMMIT_PREPARED':
        case 'TRANS_STMT_ROLLBACK_PREPARED':
          this.open = undefined;
          return;
      }
    }
    this.open?.statements.push(stmt);
  }
}
