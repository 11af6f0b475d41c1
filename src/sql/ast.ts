/** Typed access to libpg-query's `{ NodeKind: body }` AST wrappers. */
import type { Node } from 'libpg-query';

export type { Node };
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
export type NodeKind = KeysOfUnion<Node>;
export type NodeOf<K extends NodeKind> = Extract<Node, Record<K, unknown>>[K];

export function kindOf(node: Node | undefined): NodeKind | undefined {
  if (!node) return undefined;
  for (const k in node) return k as NodeKind;
  return undefined;
}

/** The node's body when it is of the given kind. */
export function nodeAs<K extends NodeKind>(node: Node | undefined | unknown, kind: K): NodeOf<K> | undefined {
  if (!node || typeof node !== 'object') return undefined;
  return (node as Record<string, unknown>)[kind] as NodeOf<K> | undefined;
}

/** The `sval` of a String node list, e.g. a qualified name: ['public', 'users']. */
export function names(list: Node[] | undefined): string[] {
  return (list ?? []).map((n) => nodeAs(n, 'String')?.sval ?? '').filter((s) => s !== '');
}

/** Visits every object in an AST (depth first), including nested ones. */
export function walkAst(value: unknown, visit: (kind: string, body: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walkAst(v, visit);
    return;
  }
  if (!value || typeof value !== 'object') return;
  // Several rules walk every statement: no per-node arrays or regular expressions here.
  const obj = value as Record<string, unknown>;
  for (const k in obj) {
    const v = obj[k];
    if (!v || typeof v !== 'object') continue;
    const first = k.charCodeAt(0);
    if (first >= 65 && first <= 90 && !Array.isArray(v)) visit(k, v as Record<string, unknown>); // node kinds start A–Z
    walkAst(v, visit);
  }
}

/** The names of a column reference: `t.col` → ['t', 'col']; empty when the node is not one. */
export function columnRefNames(node: unknown): string[] {
  return names(nodeAs(node, 'ColumnRef')?.fields as Node[] | undefined);
}

/** The column a reference names (its last part): `t.col` → 'col'. */
export function columnRefName(node: unknown): string | undefined {
  const parts = columnRefNames(node);
  return parts[parts.length - 1];
}

/** True for an unqualified reference to exactly this column. */
export function isBareColumnRef(node: unknown, column: string): boolean {
  const parts = columnRefNames(node);
  return parts.length === 1 && parts[0] === column;
}
