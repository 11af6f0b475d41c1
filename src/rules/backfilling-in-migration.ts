import { columnRefName, names, nodeAs, walkAst, type Node, type NodeOf } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { showRelation } from '../sql/qualified-name.js';
import { untilCommit } from './support/transaction-scope.js';

/** Columns that identify rows: primary key and unique constraint columns (`id` when the model does not know the table). */
function keyColumns(ctx: StatementContext, ref: RelationRef): Set<string> {
  const table = ctx.schema.tables.get(relationKey(ref));
  const out = new Set<string>(['ctid']);
  if (!table) out.add('id');
  for (const c of table?.constraints.values() ?? []) if (c.kind === 'primary' || c.kind === 'unique') c.columns.forEach((col) => out.add(col));
  return out;
}

function isConstant(node: Node | undefined): boolean {
  if (nodeAs(node, 'A_Const') || nodeAs(node, 'ParamRef')) return true;
  const cast = nodeAs(node, 'TypeCast');
  return !!cast && isConstant(cast.arg as Node | undefined);
}

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

/**
 * True when a WHERE limits the statement to a bounded set of rows: a key column equal to / IN a list of
 * constants, BETWEEN constants, bounded on both sides, or `IN (SELECT … LIMIT n)`.
 */
function bounds(where: Node | undefined, keys: Set<string>): boolean {
  if (!where) return false;
  const bool = nodeAs(where, 'BoolExpr');
  if (bool) {
    const args = (bool.args as Node[]) ?? [];
    if (bool.boolop === 'OR_EXPR') return args.length > 0 && args.every((a) => bounds(a, keys));
    if (bool.boolop !== 'AND_EXPR') return false;
    if (args.some((a) => bounds(a, keys))) return true;
    const lower = new Set<string>();
    const upper = new Set<string>();
    for (const a of args) {
      const e = nodeAs(a, 'A_Expr');
      const col = columnRefName(e?.lexpr as Node | undefined);
      const op = names(e?.name as Node[] | undefined)[0];
      if (!col || !keys.has(col) || !isConstant(e?.rexpr as Node | undefined)) continue;
      if (LOWER.has(op)) lower.add(col);
      if (UPPER.has(op)) upper.add(col);
    }
    return [...lower].some((c) => upper.has(c));
  }
  const e = nodeAs(where, 'A_Expr');
  if (e) {
    const col = columnRefName(e.lexpr as Node | undefined);
    if (!col || !keys.has(col)) return false;
    const op = names(e.name as Node[] | undefined)[0];
    const list = ((nodeAs(e.rexpr, 'List')?.items as Node[]) ?? []);
    if (e.kind === 'AEXPR_OP' && op === '=') return isConstant(e.rexpr as Node | undefined);
    if (e.kind === 'AEXPR_IN') return list.length > 0 && list.every(isConstant);
    if (e.kind === 'AEXPR_BETWEEN' || e.kind === 'AEXPR_BETWEEN_SYM') return list.length === 2 && list.every(isConstant);
    return false;
  }
  const sub = nodeAs(where, 'SubLink');
  if (sub?.subLinkType === 'ANY_SUBLINK') {
    const col = columnRefName(sub.testexpr as Node | undefined);
    return !!col && keys.has(col) && !!nodeAs(sub.subselect, 'SelectStmt')?.limitCount;
  }
  return false;
}

/** Existing tables an INSERT's SELECT reads from. */
function existingSources(ctx: StatementContext, select: NodeOf<'SelectStmt'>): RelationRef[] {
  const out: RelationRef[] = [];
  walkAst(select, (kind, body) => {
    if (kind !== 'RangeVar') return;
    const ref = refOf(body as NodeOf<'RangeVar'>);
    if (ref && !ctx.isNewTable(relationKey(ref)) && !out.some((r) => relationKey(r) === relationKey(ref))) out.push(ref);
  });
  return out;
}

export const backfillingInMigration: Rule = {
  id: 'backfilling-in-migration',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'UPDATE/DELETE of a whole existing table, or INSERT … SELECT from one, inside the migration transaction',
  check(ctx) {
    if (!ctx.transaction.active) return;
    const until = untilCommit(ctx);
    const hint =
      'Backfill from a script or job after the migration, in batches (WHERE id BETWEEN … or id IN (SELECT id … LIMIT 5000)), each batch its own transaction; keep only the schema change in the migration.';
    const n = ctx.statement.node;
    const update = nodeAs(n, 'UpdateStmt');
    const del = nodeAs(n, 'DeleteStmt');
    const target = update ?? del;
    if (target) {
      const ref = refOf(target.relation);
      if (!ref || ctx.isNewTable(relationKey(ref)) || bounds(target.whereClause as Node | undefined, keyColumns(ctx, ref))) return;
      const verb = update ? 'UPDATE' : 'DELETE';
      const scope = target.whereClause ? `${verb} of ${showRelation(ref)} with a WHERE that does not bound it to a key range` : `${verb} of every row of ${showRelation(ref)}`;
      ctx.report({
        message: `${scope} runs inside the migration transaction: every row it ${update ? 'changes' : 'deletes'} stays locked against other writers until ${until}, and on a big table it runs long while the transaction's other locks are held.`,
        hint,
      });
      return;
    }
    const insert = nodeAs(n, 'InsertStmt');
    const select = nodeAs(insert?.selectStmt, 'SelectStmt');
    if (!insert || !select) return;
    const sources = existingSources(ctx, select);
    if (!sources.length || select.limitCount || bounds(select.whereClause as Node | undefined, keyColumns(ctx, sources[0]))) return;
    const target2 = refOf(insert.relation);
    ctx.report({
      message: `INSERT … SELECT copies rows of ${sources.map(showRelation).join(', ')}${target2 ? ` into ${showRelation(target2)}` : ''} inside the migration transaction: it reads the whole source while the transaction's other locks stay held, and ${target2 && !ctx.isNewTable(relationKey(target2)) ? `the new rows lock out conflicting writers until ${until}` : `nothing is visible until ${until}`}.`,
      hint,
    });
  },
};
