import { relationKey } from '../../schema/model.js';
import { droppedTables } from './dropped-objects.js';
import type { Statement } from '../../sql/statement.js';
import type { StatementContext } from '../types.js';

/** Statements of the same file that run after the current one. */
export function laterInFile(ctx: StatementContext): readonly Statement[] {
  return ctx.file.statements.slice(ctx.statement.index + 1);
}

/** Statements of the same file that ran before the current one. */
export function earlierInFile(ctx: StatementContext): readonly Statement[] {
  return ctx.file.statements.slice(0, ctx.statement.index);
}

/** True when a later statement of the same file drops this table (so what happens to it first matters little). */
export function tableDroppedLaterInFile(ctx: StatementContext, key: string): boolean {
  return laterInFile(ctx).some((s) => droppedTables(s.node).some((r) => relationKey(r) === key));
}
