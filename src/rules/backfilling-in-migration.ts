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

const holdsRows = (a: { verb: 'UPDATE' | 'DELETE'; until: string }) =>
  `runs inside the migration transaction: every row it ${a.verb === 'UPDATE' ? 'changes' : 'deletes'} stays locked against other writers until ${a.until}, and on a big table it runs long while the transaction's other locks are held.`;

export const messages = {
  /** `verb`: UPDATE or DELETE; `until`: when the transaction ends (support/transaction-scope.ts untilCommit). */
  wholeTable: (a: { verb: 'UPDATE' | 'DELETE'; table: string; until: string }) =>
    `${a.verb} of every row of ${a.table} ${holdsRows(a)}`,
  unboundedWhere: (a: { verb: 'UPDATE' | 'DELETE'; table: string; until: string }) =>
    `${a.verb} of ${a.table} with a WHERE that does not bound it to a key range ${holdsRows(a)}`,
  /** `sources`: the existing tables it reads, listed. */
  copyIntoExisting: (a: { sources: string; target: string; until: string }) =>
    `INSERT … SELECT copies rows of ${a.sources} into ${a.target} inside the migration transaction: it reads the whole source while the transaction's other locks stay held, and the new rows lock out conflicting writers until ${a.until}.`,
  /** Into a table of this batch (or one the parser could not name): no one else sees the rows yet. */
  copyIntoNew: (a: { sources: string; target?: string; until: string }) =>
    `INSERT … SELECT copies rows of ${a.sources}${a.target ? ` into ${a.target}` : ''} inside the migration transaction: it reads the whole source while the transaction's other locks stay held, and nothing is visible until ${a.until}.`,
  backfillHint: () =>
    'Backfill from a script or job after the migration, in batches (WHERE id BETWEEN … or id IN (SELECT id … LIMIT 5000)), each batch its own transaction; keep only the schema change in the migration.',
};

export const backfillingInMigration: Rule = {
  id: 'backfilling-in-migration',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'UPDATE/DELETE of a whole existing table, or INSERT … SELECT from one, inside the migration transaction',
  messages,
  check(ctx) {
    if (!ctx.transaction.active) return;
    const until = untilCommit(ctx);
    const hint = messages.backfillHint();
    const n = ctx.statement.node;
    const update = nodeAs(n, 'UpdateStmt');
    const del = nodeAs(n, 'DeleteStmt');
    const target = update ?? del;
    if (target) {
      const ref = refOf(target.relation);
      if (!ref || ctx.isNewTable(relationKey(ref)) || bounds(target.whereClause as Node | undefined, keyColumns(ctx, ref))) return;
      const args = { verb: update ? ('UPDATE' as const) : ('DELETE' as const), table: showRelation(ref), until };
      ctx.report({
        message: target.whereClause ? messages.unboundedWhere(args) : messages.wholeTable(args),
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
    const sourcesShown = sources.map(showRelation).join(', ');
    ctx.report({
      message:
        target2 && !ctx.isNewTable(relationKey(target2))
          ? messages.copyIntoExisting({ sources: sourcesShown, target: showRelation(target2), until })
          : messages.copyIntoNew({ sources: sourcesShown, target: target2 ? showRelation(target2) : undefined, until }),
      hint,
    });
  },
};
