import type { StatementContext } from '../types.js';
import { relationLocks, tableLocks, type RelationLock } from './lock-modes.js';

/**
 * The locks the current statement takes on relations that existed before this batch (new ones are
 * invisible to other sessions, so locking them blocks no one). Index locks count against their table.
 */
export function existingTableLocks(ctx: StatementContext): RelationLock[] {
  const locks = tableLocks(relationLocks(ctx.statement, { schema: ctx.schema, postgresVersion: ctx.options.postgresVersion }));
  return locks.filter((l) => !ctx.isNewTable(l.key) && !(l.kind === 'index' && ctx.isNewOrigin(ctx.schema.indexes.get(l.key)?.origin)));
}
