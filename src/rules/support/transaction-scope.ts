import type { Statement } from '../../sql/statement.js';
import type { StatementContext } from '../types.js';

/** True when the statement runs in drizzle's implicit transaction that spans the whole pending batch. */
export function inDrizzleBatch(ctx: StatementContext): boolean {
  return ctx.transaction.source === 'runner' && ctx.options.runner === 'drizzle';
}

/** When the current transaction's locks are released, for messages. */
export function untilCommit(ctx: StatementContext): string {
  return inDrizzleBatch(ctx) ? 'the whole batch of pending migrations commits' : 'the transaction commits';
}

/** Where an earlier statement is, as seen from the current one: "line 3" or "drizzle/0001_a.sql line 3". */
export function placeOf(earlier: { file: string; line: number }, currentFile: string): string {
  return earlier.file === currentFile ? `line ${earlier.line}` : `${earlier.file} line ${earlier.line}`;
}

export function placeOfStatement(earlier: Statement, current: Statement): string {
  return placeOf({ file: earlier.file.path, line: earlier.location.line }, current.file.path);
}
