/**
 * Expressions compared as Postgres means them, not as they are spelled. The migrations' side is the
 * AST the parser gave for what a migration wrote (`DEFAULT 'active'`, `CHECK (price > 0)`); the
 * database's side is pg_get_expr / pg_get_indexdef text, which Postgres prints from the stored tree
 * with the implicit casts and rewrites it made: `'active'::status`, `(price > (0)::numeric)`,
 * `x IN (1, 2)` as `x = ANY (ARRAY[1, 2])`, `LIKE` as `~~`, `BETWEEN` as two comparisons, columns
 * in subqueries qualified, output names added (`( SELECT auth.uid() AS uid)`). Both sides are parsed
 * with the same parser and brought to one canonical form: casts removed (a cast that only a hand
 * change adds or removes is not seen), constants as their text, those rewrites undone, names of
 * functions, operators and columns without their qualifiers.
 */
import { deparseSync } from 'pgsql-deparser';
import { nodeAs, type Node } from '../sql/ast.js';
import { parseSql } from '../sql/parser.js';

type Json = Record<string, unknown>;

/** The database's text of an expression as a parse tree; undefined when it does not parse. */
export function parseExpression(text: string): Node | undefined {
  try {
    const select = nodeAs(parseSql(`SELECT ${text}`)[0]?.node, 'SelectStmt');
    return nodeAs((select?.targetList as Node[] | undefined)?.[0], 'ResTarget')?.val as Node | undefined;
  } catch {
    return undefined;
  }
}

/** One canonical string per meaning (see the module comment). */
export function canonicalExpression(node: Node | undefined): string {
  return JSON.stringify(canonical(node));
}

/**
 * The migrations' expression against the database's text: equal when both mean the same. A text
 * that does not parse (never seen from pg_get_expr) compares as equal rather than as a false alarm.
 */
export function sameExpression(model: Node | undefined, database: string | undefined): boolean {
  if (model === undefined || database === undefined) return model === undefined && database === undefined;
  const parsed = parseExpression(database);
  return parsed === undefined || canonicalExpression(model) === canonicalExpression(parsed);
}

/** The migrations' expression as SQL, for messages. */
export function expressionText(node: Node): string {
  try {
    return deparseSync({ SelectStmt: { targetList: [{ ResTarget: { val: node } }] } } as never, { pretty: false })
      .trim()
      .replace(/;$/, '')
      .replace(/^SELECT /, '');
  } catch {
    return '(an expression)';
  }
}

const constText = (c: Json): unknown => {
  if (c.isnull) return null;
  if (c.ival) return String((c.ival as Json).ival ?? 0);
  if (c.fval) return String((c.fval as Json).fval ?? '0');
  if (c.boolval) return (c.boolval as Json).boolval ? 'true' : 'false';
  if (c.sval) return jsonText(String((c.sval as Json).sval ?? ''));
  if (c.bsval) return String((c.bsval as Json).bsval ?? '');
  return null;
};

/**
 * A json/jsonb literal: Postgres folds `'{…}'::jsonb` into a jsonb value and prints that (keys
 * sorted by length then bytes, `, ` and `: ` between), so JSON text compares by its value.
 */
function jsonText(s: string): string {
  if (!/^\s*[[{]/.test(s)) return s;
  try {
    return JSON.stringify(sortKeys(JSON.parse(s)));
  } catch {
    return s;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Json)[k])]));
}

const lastName = (list: unknown) => (Array.isArray(list) && list.length ? [list[list.length - 1]] : list);
const op = (name: string, lexpr: unknown, rexpr: unknown) => ({ A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: name } }], lexpr, rexpr } });

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  const obj = value as Json;
  if ('TypeCast' in obj) return canonical((obj.TypeCast as Json).arg);
  if ('A_Const' in obj) return { Const: constText(obj.A_Const as Json) };
  if ('A_Expr' in obj) return canonicalAExpr(obj.A_Expr as Json);
  if ('BoolExpr' in obj) {
    const b = obj.BoolExpr as Json;
    // AND/OR are n-ary: (a AND b) AND c is a AND b AND c.
    const args = (canonical(b.args) as unknown[]).flatMap((a) => {
      const inner = nodeAs(a, 'BoolExpr');
      return inner && inner.boolop === b.boolop && b.boolop !== 'NOT_EXPR' ? (inner.args as unknown[]) : [a];
    });
    return { BoolExpr: { boolop: b.boolop, args } };
  }
  if ('FuncCall' in obj) {
    const f = obj.FuncCall as Json;
    const { funcformat: _format, location: _location, ...rest } = f;
    return { FuncCall: canonical({ ...rest, funcname: lastName(f.funcname) }) };
  }
  if ('ColumnRef' in obj) return { ColumnRef: { fields: canonical(lastName((obj.ColumnRef as Json).fields)) } };
  if ('RangeVar' in obj) {
    const r = obj.RangeVar as Json;
    return { RangeVar: { relname: r.relname, ...(r.alias ? { alias: canonical(r.alias) } : {}) } };
  }
  if ('ResTarget' in obj) {
    // Output names inside subqueries are Postgres's additions (`AS uid`); what is selected matters.
    const r = obj.ResTarget as Json;
    return { ResTarget: { val: canonical(r.val) } };
  }
  const out: Json = {};
  for (const k of Object.keys(obj)) {
    if (k === 'location' || k.endsWith('_location') || k.endsWith('list_start') || k.endsWith('list_end')) continue;
    out[k] = canonical(obj[k]);
  }
  return out;
}

function canonicalAExpr(e: Json): unknown {
  const name = (e.name as Node[] | undefined)?.map((n) => nodeAs(n, 'String')?.sval).filter(Boolean) as string[] | undefined;
  const opName = name?.[name.length - 1] ?? '';
  const items = (nodeAs(e.rexpr, 'List')?.items as unknown[] | undefined) ?? (Array.isArray(e.rexpr) ? (e.rexpr as unknown[]) : undefined);
  // x IN (a, b) is stored as x = ANY (ARRAY[a, b]); NOT IN as <> ALL.
  if (e.kind === 'AEXPR_IN' && items) {
    return canonicalAExpr({ kind: opName === '=' ? 'AEXPR_OP_ANY' : 'AEXPR_OP_ALL', name: [{ String: { sval: opName } }], lexpr: e.lexpr, rexpr: { A_ArrayExpr: { elements: items } } });
  }
  // BETWEEN is stored as two comparisons.
  if ((e.kind === 'AEXPR_BETWEEN' || e.kind === 'AEXPR_NOT_BETWEEN') && items?.length === 2) {
    const not = e.kind === 'AEXPR_NOT_BETWEEN';
    return canonical({ BoolExpr: { boolop: not ? 'OR_EXPR' : 'AND_EXPR', args: [op(not ? '<' : '>=', e.lexpr, items[0]), op(not ? '>' : '<=', e.lexpr, items[1])] } });
  }
  // LIKE / ILIKE are the ~~ / ~~* operators.
  const kind = e.kind === 'AEXPR_LIKE' || e.kind === 'AEXPR_ILIKE' ? 'AEXPR_OP' : e.kind;
  return { A_Expr: { kind, name: opName, lexpr: canonical(e.lexpr), rexpr: canonical(e.rexpr) } };
}
