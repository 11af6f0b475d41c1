import type { NodeOf } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { SchemaModel } from '../schema/model.js';
import { relationKey, refOf } from '../schema/model.js';
import type { Table } from '../schema/types.js';

/**
 * True when ADD CONSTRAINT sits in a DO block and the table already has a constraint of that name:
 * the block is an idempotency wrapper of a regenerated migration (drizzle-kit's `EXCEPTION WHEN
 * duplicate_object`, or an `IF NOT EXISTS (SELECT … FROM information_schema…)` test), so either the
 * test skips the statement or the handler swallows the duplicate-name error, which Postgres raises
 * before it builds or validates anything. Outside a handler the error would stop the migration
 * just as early: no lock is held for long either way.
 */
export function duplicateConstraintSwallowed(statement: Statement, table: Table | undefined, con: NodeOf<'Constraint'>): boolean {
  return !!statement.doBlock && !!con.conname && !!table?.constraints.has(con.conname);
}

/** True for `CREATE INDEX IF NOT EXISTS` of an index the table already has: Postgres builds nothing. */
export function indexAlreadyExists(schema: SchemaModel, idx: NodeOf<'IndexStmt'>): boolean {
  const ref = refOf(idx.relation);
  if (!idx.if_not_exists || !idx.idxname || !ref) return false;
  const existing = schema.index({ schema: ref.schema, name: idx.idxname });
  return existing?.table === relationKey(ref);
}
