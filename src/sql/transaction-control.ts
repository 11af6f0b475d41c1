import { nodeAs } from './ast.js';
import type { Statement } from './statement.js';

const ENDS = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED', 'TRANS_STMT_ROLLBACK_PREPARED']);
const BEGINS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);

/** The transaction-control kind of a top-level statement: 'begin', 'commit', 'rollback', or undefined. */
export function transactionControl(stmt: Statement): 'begin' | 'commit' | 'rollback' | undefined {
  const tx = nodeAs(stmt.node, 'TransactionStmt');
  // PL/pgSQL COMMIT/ROLLBACK are statements of their own, never SQL queries inside a DO body.
  if (!tx?.kind || stmt.doBlock) return undefined;
  if (BEGINS.has(tx.kind)) return 'begin';
  if (tx.kind === 'TRANS_STMT_ROLLBACK' || tx.kind === 'TRANS_STMT_ROLLBACK_PREPARED') return 'rollback';
  if (ENDS.has(tx.kind)) return 'commit';
  return undefined;
}
