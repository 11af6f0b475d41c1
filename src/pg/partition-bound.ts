import { columnRefNames, nodeAs, type Node } from '../sql/ast.js';

/**
 * Whether a partition's validated CHECK constraints (and NOT NULL columns) imply the bound it is
 * attached with, so that ATTACH PARTITION skips the scan of its rows. Postgres decides with a weak
 * implication proof (PartConstraintImpliedByRelConstraint): the partition constraint of a range bound
 * `FROM (a) TO (b)` on key `k` is `k IS NOT NULL AND k >= a AND k < b`; of a list bound `IN (…)`
 * without NULL it is `k IS NOT NULL AND k = ANY (…)`. A CHECK is satisfied by NULL, so `k >= a`
 * does not give `k IS NOT NULL`: that comes from the column's NOT NULL or an `IS NOT NULL` in a CHECK.
 *
 * This proves the common shapes only (one key column; constants equal to the bound's, or, for
 * numbers, tighter): `true` is a proof, `false` means "not proven" (Postgres may still prove it).
 * Measured on PostgreSQL 18 in test/rules/attaching-partition-server.test.ts (DEBUG1 "partition
 * constraint for table … is implied by existing constraints").
 */
export interface BoundProofInput {
  /** The parent's partition key: 'range' or 'list' with its columns (an expression key is undefined). */
  strategy: 'range' | 'list' | 'hash';
  keys: (string | undefined)[];
  /** The PartitionBoundSpec of the ATTACH. */
  bound: { is_default?: boolean; listdatums?: Node[]; lowerdatums?: Node[]; upperdatums?: Node[] };
  /** Expressions of the partition's validated CHECK constraints. */
  checks: Node[];
  /** Columns of the partition declared NOT NULL. */
  notNull: ReadonlySet<string>;
}

type Const = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'bool'; value: boolean };

/** A literal, or a literal with a cast (`'2025-01-01'::date`): both compare by the literal. */
function constantOf(node: Node | undefined): Const | undefined {
  const cast = nodeAs(node, 'TypeCast');
  const c = nodeAs(cast ? cast.arg : node, 'A_Const') as Record<string, unknown> | undefined;
  if (!c || c.isnull) return undefined;
  if (c.ival) return { kind: 'number', value: Number((c.ival as { ival?: number }).ival ?? 0) };
  if (c.fval) return { kind: 'number', value: Number((c.fval as { fval?: string }).fval) };
  if (c.sval) return { kind: 'string', value: String((c.sval as { sval?: string }).sval ?? '') };
  if (c.boolval) return { kind: 'bool', value: !!(c.boolval as { boolval?: boolean }).boolval };
  return undefined;
}

const same = (a: Const, b: Const) => a.kind === b.kind && a.value === b.value;
/** a ≤ b, known only for numbers (strings compare by the column type's rules, which the AST does not carry). */
const atMost = (a: Const, b: Const) => same(a, b) || (a.kind === 'number' && b.kind === 'number' && a.value <= b.value);

/** The AND-ed conditions of the CHECKs, flattened. */
function conjuncts(exprs: Node[]): Node[] {
  const out: Node[] = [];
  const add = (e: Node) => {
    const b = nodeAs(e, 'BoolExpr');
    if (b?.boolop === 'AND_EXPR') for (const a of (b.args as Node[]) ?? []) add(a);
    else out.push(e);
  };
  for (const e of exprs) add(e);
  return out;
}

const isKey = (node: Node | undefined, key: string) => {
  const n = columnRefNames(node);
  return n.length > 0 && n[n.length - 1] === key;
};

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

/** `key op constant`, with `constant op key` turned around. */
function comparison(e: Node, key: string): { op: string; value: Const } | undefined {
  const a = nodeAs(e, 'A_Expr');
  if (!a || a.kind !== 'AEXPR_OP') return undefined;
  const op = nodeAs((a.name as Node[] | undefined)?.[0], 'String')?.sval;
  if (!op || !(op in FLIP)) return undefined;
  if (isKey(a.lexpr, key)) {
    const value = constantOf(a.rexpr);
    return value ? { op, value } : undefined;
  }
  if (isKey(a.rexpr, key)) {
    const value = constantOf(a.lexpr);
    return value ? { op: FLIP[op], value } : undefined;
  }
  return undefined;
}

/** `key IN (constants)` or `key = constant`: the values the CHECK allows. */
function allowedValues(e: Node, key: string): Const[] | undefined {
  const a = nodeAs(e, 'A_Expr');
  if (a?.kind === 'AEXPR_IN' && nodeAs((a.name as Node[] | undefined)?.[0], 'String')?.sval === '=' && isKey(a.lexpr, key)) {
    const items = (nodeAs(a.rexpr, 'List')?.items as Node[] | undefined) ?? [];
    const values = items.map(constantOf);
    return values.every((v): v is Const => v !== undefined) ? values : undefined;
  }
  const c = comparison(e, key);
  return c?.op === '=' ? [c.value] : undefined;
}

function notNullProven(key: string, terms: Node[], notNull: ReadonlySet<string>): boolean {
  return notNull.has(key) || terms.some((t) => nodeAs(t, 'NullTest')?.nulltesttype === 'IS_NOT_NULL' && isKey(nodeAs(t, 'NullTest')!.arg as Node, key));
}

const isUnbounded = (n: Node | undefined) => {
  const names = columnRefNames(n);
  return names.length === 1 && (names[0] === 'minvalue' || names[0] === 'maxvalue');
};

export function checkImpliesBound(input: BoundProofInput): boolean {
  const { bound, keys } = input;
  if (bound.is_default || keys.length !== 1 || keys[0] === undefined) return false;
  const key = keys[0];
  const terms = conjuncts(input.checks);
  if (!notNullProven(key, terms, input.notNull)) return false;
  if (input.strategy === 'range') {
    const lower = bound.lowerdatums?.[0];
    const upper = bound.upperdatums?.[0];
    const from = isUnbounded(lower) ? undefined : constantOf(lower);
    const to = isUnbounded(upper) ? undefined : constantOf(upper);
    if ((!from && !isUnbounded(lower)) || (!to && !isUnbounded(upper))) return false;
    const cmps = terms.map((t) => comparison(t, key)).filter((c) => c !== undefined);
    // k >= c or k > c (or k = c) with from ≤ c; k < c (or k = c with c < to, numbers) or k <= c with c < to.
    const lowOk = !from || cmps.some((c) => (c.op === '>=' || c.op === '>' || c.op === '=') && atMost(from, c.value));
    const highOk = !to || cmps.some((c) => (c.op === '<' && atMost(c.value, to)) || ((c.op === '<=' || c.op === '=') && c.value.kind === 'number' && to.kind === 'number' && c.value.value < to.value));
    return lowOk && highOk;
  }
  if (input.strategy === 'list') {
    const listed = (bound.listdatums ?? []).map(constantOf);
    // A NULL in the list makes the constraint `k IS NULL OR …`: not a shape proven here.
    if (!listed.length || listed.some((v) => v === undefined)) return false;
    return terms.some((t) => {
      const allowed = allowedValues(t, key);
      return !!allowed && allowed.every((v) => listed.some((l) => same(l!, v)));
    });
  }
  return false;
}
