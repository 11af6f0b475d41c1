import { nodeAs, walkAst, type Node, type NodeOf } from './ast.js';
import { refOf, relationKey, type RelationRef } from './qualified-name.js';
import type { Statement } from './statement.js';

/** An UPDATE of the table that sets the column: the migration moves data into it itself. */
export function columnFilledIn(statements: readonly Statement[], table: string, column: string): boolean {
  return statements.some((s) => {
    const u = nodeAs(s.node, 'UpdateStmt');
    const ref = refOf(u?.relation);
    if (!u || !ref || relationKey(ref) !== table) return false;
    return ((u.targetList as Node[]) ?? []).some((t) => nodeAs(t, 'ResTarget')?.name === column);
  });
}

/** An INSERT into one table that reads another: the migration copies the rows itself. */
export function rowsCopiedInto(statements: readonly Statement[], table: string, from: RelationRef): boolean {
  const fromKey = relationKey(from);
  return statements.some((s) => {
    const ins = nodeAs(s.node, 'InsertStmt');
    const target = refOf(ins?.relation);
    if (!ins || !target || relationKey(target) !== table) return false;
    let reads = false;
    walkAst(ins.selectStmt, (kind, body) => {
      const read = kind === 'RangeVar' ? refOf(body as NodeOf<'RangeVar'>) : undefined;
      if (read && relationKey(read) === fromKey) reads = true;
    });
    return reads;
  });
}
