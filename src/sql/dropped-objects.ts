import { names, nodeAs, type Node, type NodeOf } from './ast.js';
import { refOfNames, type RelationRef } from './qualified-name.js';

/** The qualified names a DROP statement lists, as written: DROP TABLE a, s.b → [['a'], ['s', 'b']]; a policy's is [table…, policy]. */
export function droppedNames(drop: NodeOf<'DropStmt'>): string[][] {
  return ((drop.objects as Node[]) ?? []).map((obj) => {
    const single = nodeAs(obj, 'String')?.sval;
    if (single) return [single];
    const list = nodeAs(obj, 'List')?.items ?? nodeAs(obj, 'TypeName')?.names ?? nodeAs(obj, 'ObjectWithArgs')?.objname;
    return names(list as Node[] | undefined);
  });
}

/** The tables a `DROP TABLE` statement drops (nothing for other DROP statements). */
export function droppedTables(node: Node): RelationRef[] {
  const drop = nodeAs(node, 'DropStmt');
  if (!drop || drop.removeType !== 'OBJECT_TABLE') return [];
  return droppedNames(drop).map(refOfNames).filter((r) => !!r);
}
