import type { SchemaModel } from '../../schema/model.js';
import type { Statement } from '../../sql/statement.js';
import type { StatementContext } from '../types.js';
import { relationLocks, tableLocks, type RelationLock } from '../../pg/lock-modes.js';

/**
 * The locks the current statement takes on relations that existed before this batch (new ones are
 * invisible to other sessions, so locking them blocks no one). Index locks count against their table.
 */
export function existingTableLocks(ctx: StatementContext): readonly RelationLock[] {
  // Several rules ask for the same statement, before the schema moves on: compute once.
  const memo = memos.get(ctx.statement);
  if (memo && memo.schema === ctx.schema && memo.batch === ctx.batch && memo.postgresVersion === ctx.options.postgresVersion) return memo.locks;
  const locks = tableLocks(relationLocks(ctx.statement, { schema: ctx.schema, postgresVersion: ctx.options.postgresVersion })).filter(
    (l) => !ctx.isNewTable(l.key) && !(l.kind === 'index' && ctx.isNewOrigin(ctx.schema.indexes.get(l.key)?.origin)),
  );
  memos.set(ctx.statement, { schema: ctx.schema, batch: ctx.batch, postgresVersion: ctx.options.postgresVersion, locks });
  return locks;
}

const memos = new WeakMap<Statement, { schema: SchemaModel; batch: number; postgresVersion: number; locks: readonly RelationLock[] }>();
