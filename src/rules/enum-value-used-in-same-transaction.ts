import { nodeAs, walkAst, type Node, type NodeOf } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Rule, StatementContext } from './types.js';
import { enumKeyOf, showEnum, typeKey } from './support/enum-types.js';

interface AddedValue {
  enumKey: string;
  value: string;
  stmt: Statement;
}

/** ADD VALUE statements earlier in this transaction, on enums that the transaction did not create itself. */
function addedValues(previous: readonly Statement[]): AddedValue[] {
  const created = new Set<string>();
  const out: AddedValue[] = [];
  for (const stmt of previous) {
    const create = nodeAs(stmt.node, 'CreateEnumStmt');
    const createdKey = create && typeKey(create.typeName as Node[]);
    if (createdKey) created.add(createdKey);
    const alter = nodeAs(stmt.node, 'AlterEnumStmt');
    const key = alter && typeKey(alter.typeName as Node[]);
    // Values added to a type created in the same transaction are safe to use (Postgres tracks that case).
    if (key && alter.newVal && !alter.oldVal && !created.has(key)) out.push({ enumKey: key, value: alter.newVal, stmt });
  }
  return out;
}

/** Enum types the statement names (casts, column types) or that columns of the tables it touches have. */
function enumsInvolved(ctx: StatementContext): Set<string> {
  const out = new Set<string>();
  walkAst(ctx.statement.node, (kind, body) => {
    if (kind === 'TypeName') {
      const key = typeKey((body as NodeOf<'TypeName'>).names as Node[]);
      if (key) out.add(key);
    }
    if (kind === 'RangeVar') addTableEnums(body as NodeOf<'RangeVar'>);
  });
  // A statement's own target (UPDATE/INSERT/ALTER TABLE `relation`) is a bare RangeVar body, which walkAst does not name.
  const top = Object.values(ctx.statement.node)[0] as Record<string, unknown> | undefined;
  addTableEnums(top?.relation as NodeOf<'RangeVar'> | undefined);
  return out;

  function addTableEnums(rv: NodeOf<'RangeVar'> | undefined): void {
    const ref = refOf(rv);
    const table = ref && ctx.schema.tables.get(relationKey(ref));
    for (const col of table?.columns.values() ?? []) {
      const key = enumKeyOf(col.type, ctx.schema);
      if (key) out.add(key);
    }
  }
}

/** String constants of the statement with their byte locations. */
function stringConstants(node: Node): { value: string; location?: number }[] {
  const out: { value: string; location?: number }[] = [];
  walkAst(node, (kind, body) => {
    if (kind !== 'A_Const') return;
    const c = body as { sval?: { sval?: string }; location?: number };
    if (c.sval) out.push({ value: c.sval.sval ?? '', location: c.location });
  });
  return out;
}

export const enumValueUsedInSameTransaction: Rule = {
  id: 'enum-value-used-in-same-transaction',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'A value added with ALTER TYPE … ADD VALUE is used before its transaction commits (fails with 55P04)',
  check(ctx) {
    const alter = nodeAs(ctx.statement.node, 'AlterEnumStmt');
    if (alter) {
      if (alter.newVal && !alter.oldVal && ctx.transaction.active && !ctx.statement.doBlock && ctx.options.postgresVersion < 12) {
        ctx.report({
          message: `ALTER TYPE … ADD VALUE cannot run inside a transaction block before PostgreSQL 12 (postgresVersion: ${ctx.options.postgresVersion}), and this one runs in a transaction: the migration fails (25001).`,
          hint: 'Upgrade to PostgreSQL 12 or later, or run the ADD VALUE outside the migrator.',
        });
      }
      return;
    }
    if (!ctx.transaction.active) return;
    const added = addedValues(ctx.transaction.previous);
    if (!added.length) return;
    const involved = enumsInvolved(ctx);
    for (const c of stringConstants(ctx.statement.node)) {
      const hit = added.find((a) => a.value === c.value && involved.has(a.enumKey));
      if (!hit) continue;
      const where = hit.stmt.file === ctx.statement.file ? `line ${hit.stmt.location.line}` : `${hit.stmt.file.path} line ${hit.stmt.location.line}`;
      const scope = ctx.transaction.source === 'runner' && ctx.options.runner === 'drizzle' ? 'transaction (drizzle-kit migrate runs all pending migrations in one)' : 'transaction';
      ctx.report({
        at: c.location,
        message: `'${c.value}' was added to enum ${showEnum(hit.enumKey)} at ${where} in the same ${scope}; Postgres refuses a new enum value until the transaction that added it commits, so this statement fails (55P04 unsafe use of new value).`,
        hint: 'Ship the ADD VALUE in a migration that is applied and committed before the one that uses the value: under drizzle, in an earlier deploy (an earlier `drizzle-kit migrate` run).',
      });
      return;
    }
  },
};
