import { columnRefName, nodeAs, walkAst, type Node, type NodeOf } from '../sql/ast.js';
import type { Table } from '../schema/types.js';
import type { Statement } from '../sql/statement.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule, StatementContext, TransactionInfo } from './types.js';
import { enumKeyOf } from '../schema/enum-types.js';
import { showKey as showEnum, typeKey } from '../sql/qualified-name.js';
import { perScope } from './support/per-scope.js';
import { inDrizzleBatch, placeOfStatement } from './support/transaction-scope.js';
import { withFixRecipe } from './support/fix-recipe.js';

interface AddedValue {
  enumKey: string;
  value: string;
  stmt: Statement;
  /** The transaction created the type too. */
  typeCreated: boolean;
}

/**
 * ADD VALUE statements earlier in this transaction (values added to a type the transaction created
 * are usable in it from PostgreSQL 17 on: those are left out when the target is 17 or later). Kept per
 * transaction and extended by the statements added since the last call: rescanning every earlier
 * statement for each statement is quadratic in the size of a batch.
 */
/** How far `addedValues` has scanned the statements of one transaction, and what it found. */
interface Scan {
  scanned: number;
  created: Set<string>;
  out: AddedValue[];
}

function addedValues(tx: TransactionInfo, seen: Scan, postgresVersion: number): AddedValue[] {
  for (; seen.scanned < tx.previous.length; seen.scanned++) {
    const stmt = tx.previous[seen.scanned];
    const create = nodeAs(stmt.node, 'CreateEnumStmt');
    const createdKey = create && typeKey(create.typeName as Node[]);
    if (createdKey) seen.created.add(createdKey);
    const alter = nodeAs(stmt.node, 'AlterEnumStmt');
    const key = alter && typeKey(alter.typeName as Node[]);
    // Values added to a type created in the same transaction are safe to use from PostgreSQL 17 on;
    // before 17 they fail with 55P04 like any other.
    const typeCreated = !!key && seen.created.has(key);
    if (key && alter.newVal && !alter.oldVal && !(typeCreated && postgresVersion >= 17)) seen.out.push({ enumKey: key, value: alter.newVal, stmt, typeCreated });
  }
  return seen.out;
}

interface Use {
  value: string;
  enumKey: string;
  location?: number;
}

type Obj = Record<string, unknown>;

/** Visits every object of an AST with the key it sits under: node kinds and plain fields (a `relation`, which walkAst does not visit). */
function visit(value: unknown, fn: (key: string, obj: Obj) => void, key = ''): void {
  if (Array.isArray(value)) return value.forEach((v) => visit(v, fn, key));
  if (!value || typeof value !== 'object') return;
  fn(key, value as Obj);
  for (const [k, v] of Object.entries(value)) visit(v, fn, k);
}

function stringConst(node: unknown): { value: string; location?: number } | undefined {
  const c = nodeAs(node, 'A_Const') as { sval?: { sval?: string }; location?: number } | undefined;
  if (c?.sval) return { value: c.sval.sval ?? '', location: c.location };
  const cast = nodeAs(node, 'TypeCast');
  return cast ? stringConst(cast.arg) : undefined;
}

/**
 * String constants the statement gives an enum type: cast to it, compared with or assigned to a column
 * of that type, or used as the default of such a column.
 */
function enumUses(ctx: StatementContext): Use[] {
  const node = ctx.statement.node;
  const tables: Table[] = [];
  visit(node, (key, obj) => {
    const rv = key === 'RangeVar' || key === 'relation' ? refOf(obj as NodeOf<'RangeVar'>) : undefined;
    const t = rv && ctx.schema.tables.get(relationKey(rv));
    if (t && !tables.includes(t)) tables.push(t);
  });
  const columnEnum = (col: string | undefined): string | undefined => {
    for (const t of tables) {
      const c = col ? t.columns.get(col) : undefined;
      const key = c && enumKeyOf(c.type, ctx.schema);
      if (key) return key;
    }
    return undefined;
  };
  const uses: Use[] = [];
  const add = (constNode: unknown, enumKey: string | undefined) => {
    const c = stringConst(constNode);
    if (c && enumKey) uses.push({ ...c, enumKey });
  };
  walkAst(node, (key, obj) => {
    switch (key) {
      case 'TypeCast': {
        const cast = obj as NodeOf<'TypeCast'>;
        add(cast.arg, typeKey(cast.typeName?.names as Node[] | undefined));
        break;
      }
      case 'A_Expr': {
        const e = obj as NodeOf<'A_Expr'>;
        const list = (nodeAs(e.rexpr, 'List')?.items as Node[] | undefined) ?? [e.rexpr as Node];
        const left = columnEnum(columnRefName(e.lexpr));
        for (const item of list) add(item, left);
        add(e.lexpr, columnEnum(columnRefName(e.rexpr)));
        break;
      }
      case 'ColumnDef': {
        const def = obj as NodeOf<'ColumnDef'>;
        const enumKey = typeKey(def.typeName?.names as Node[] | undefined);
        for (const c of (def.constraints as Node[]) ?? []) add(nodeAs(c, 'Constraint')?.raw_expr, enumKey);
        break;
      }
      case 'AlterTableCmd': {
        const cmd = obj as NodeOf<'AlterTableCmd'>;
        if (cmd.subtype === 'AT_ColumnDefault') add(cmd.def, columnEnum(cmd.name));
        break;
      }
      case 'UpdateStmt':
        for (const t of ((obj as NodeOf<'UpdateStmt'>).targetList as Node[]) ?? []) {
          const target = nodeAs(t, 'ResTarget');
          add(target?.val, columnEnum(target?.name));
        }
        break;
      case 'InsertStmt': {
        const insert = obj as NodeOf<'InsertStmt'>;
        const cols = ((insert.cols as Node[]) ?? []).map((c) => nodeAs(c, 'ResTarget')?.name);
        for (const row of (nodeAs(insert.selectStmt, 'SelectStmt')?.valuesLists as Node[]) ?? []) {
          ((nodeAs(row, 'List')?.items as Node[]) ?? []).forEach((item, i) => add(item, columnEnum(cols[i])));
        }
        break;
      }
    }
  });
  return uses;
}

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'the ADD VALUE runs on its own, committed before the value is first used',
  addValueInTransaction: (a: { pg: number }) =>
    `ALTER TYPE … ADD VALUE cannot run inside a transaction block before PostgreSQL 12 (postgresVersion: ${a.pg}), and this one runs in a transaction: the migration fails (25001).`,
  addValueInTransactionHint: () => 'Upgrade to PostgreSQL 12 or later, or run the ADD VALUE outside the migrator.',
  usedTooSoon: (a: { value: string; enumName: string; where: string; scope: string }) =>
    `'${a.value}' was added to enum ${a.enumName} at ${a.where} in the same ${a.scope}; Postgres refuses a new enum value until the transaction that added it commits, so this statement fails (55P04 unsafe use of new value).`,
  usedTooSoonTypeCreated: (a: { value: string; enumName: string; where: string; scope: string; pg: number }) =>
    `'${a.value}' was added to enum ${a.enumName} at ${a.where} in the same ${a.scope}, which also created the type: only PostgreSQL 17 and later let such a transaction use the value, so on PostgreSQL ${a.pg} this statement fails (55P04 unsafe use of new value).`,
  scopeBatch: () => 'transaction (drizzle-kit migrate runs all pending migrations in one)',
  scopeTransaction: () => 'transaction',
  laterHint: (): string =>
    withFixRecipe('Ship the ADD VALUE in a migration that is applied and committed before the one that uses the value: under drizzle, in an earlier deploy (an earlier `drizzle-kit migrate` run).', messages.fixRecipe()),
  typeCreatedHint: () => "Create the enum with all its values in one CREATE TYPE … AS ENUM (…) (edit the generated migration, or squash the schema change before generating), or set postgresVersion to 17 or later if the target is.",
};

export const enumValueUsedInSameTransaction: Rule = {
  id: 'enum-value-used-in-same-transaction',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'A value added with ALTER TYPE … ADD VALUE is used before its transaction commits (fails with 55P04)',
  messages,
  create() {
    const scans = perScope<number, Scan>(() => ({ scanned: 0, created: new Set(), out: [] }));
    return {
    check(ctx) {
      const alter = nodeAs(ctx.statement.node, 'AlterEnumStmt');
      if (alter) {
        if (alter.newVal && !alter.oldVal && ctx.transaction.active && !ctx.statement.doBlock && ctx.options.postgresVersion < 12) {
          ctx.report({ message: messages.addValueInTransaction({ pg: ctx.options.postgresVersion }), hint: messages.addValueInTransactionHint() });
        }
        return;
      }
      if (!ctx.transaction.active) return;
      const added = addedValues(ctx.transaction, scans(ctx.transaction.id), ctx.options.postgresVersion);
      if (!added.length) return;
      for (const c of enumUses(ctx)) {
        const hit = added.find((a) => a.value === c.value && a.enumKey === c.enumKey);
        if (!hit) continue;
        const where = placeOfStatement(hit.stmt, ctx.statement);
        const scope = inDrizzleBatch(ctx) ? messages.scopeBatch() : messages.scopeTransaction();
        const args = { value: c.value, enumName: showEnum(hit.enumKey), where, scope };
        if (hit.typeCreated) ctx.report({ at: c.location, message: messages.usedTooSoonTypeCreated({ ...args, pg: ctx.options.postgresVersion }), hint: messages.typeCreatedHint() });
        else ctx.report({ at: c.location, message: messages.usedTooSoon(args), hint: messages.laterHint() });
        return;
      }
    },
    };
  },
};
