import { nodeAs, type Node } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import { optionEnabled } from '../sql/option-flags.js';

export interface AutocommitOnly {
  /** The statement as Postgres names it in the 25001 error: "CREATE INDEX CONCURRENTLY". */
  label: string;
  /** True for CONCURRENTLY index/partition statements (the ones a migration escapes its transaction for). */
  concurrent: boolean;
}

/** Statements Postgres refuses inside a transaction block (25001 "cannot run inside a transaction block"). */
export function autocommitOnly(stmt: Statement): AutocommitOnly | undefined {
  const n = stmt.node;
  const idx = nodeAs(n, 'IndexStmt');
  if (idx?.concurrent) return { label: 'CREATE INDEX CONCURRENTLY', concurrent: true };
  const drop = nodeAs(n, 'DropStmt');
  if (drop?.concurrent && drop.removeType === 'OBJECT_INDEX') return { label: 'DROP INDEX CONCURRENTLY', concurrent: true };
  const reindex = nodeAs(n, 'ReindexStmt');
  if (reindex && optionEnabled(reindex.params as Node[] | undefined, 'concurrently')) return { label: 'REINDEX CONCURRENTLY', concurrent: true };
  const alter = nodeAs(n, 'AlterTableStmt');
  if (((alter?.cmds as Node[]) ?? []).some((c) => nodeAs(nodeAs(c, 'AlterTableCmd')?.def, 'PartitionCmd')?.concurrent)) {
    return { label: 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY', concurrent: true };
  }
  const vacuum = nodeAs(n, 'VacuumStmt');
  if (vacuum?.is_vacuumcmd) return { label: 'VACUUM', concurrent: false };
  if (nodeAs(n, 'CreatedbStmt')) return { label: 'CREATE DATABASE', concurrent: false };
  if (nodeAs(n, 'DropdbStmt')) return { label: 'DROP DATABASE', concurrent: false };
  if (nodeAs(n, 'AlterSystemStmt')) return { label: 'ALTER SYSTEM', concurrent: false };
  if (nodeAs(n, 'CreateTableSpaceStmt')) return { label: 'CREATE TABLESPACE', concurrent: false };
  if (nodeAs(n, 'DropTableSpaceStmt')) return { label: 'DROP TABLESPACE', concurrent: false };
  return undefined;
}
