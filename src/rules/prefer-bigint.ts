import { names, nodeAs, type Node } from '../sql/ast.js';
import { formatType } from '../schema/column-type.js';
import { refOf } from '../schema/model.js';
import type { SchemaModel } from '../schema/model.js';
import type { Column, ColumnType, RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

const NARROW: Record<string, string> = { int2: '32,767', int4: '2,147,483,647' };

function isNarrow(t: ColumnType): boolean {
  return !t.schema && t.arrayDims === 0 && t.name in NARROW;
}

export const messages = {
  /** `role`: primary key or foreign key; `limit`: the type's largest value, written out. */
  narrowKey: (a: { column: string; table: string; role: string; type: string; limit: string }) =>
    `${a.column} of ${a.table} is a ${a.role} of type ${a.type}: it runs out at ${a.limit}, and widening it later rewrites the table and every index under ACCESS EXCLUSIVE (and every table that references it).`,
  /** `name` is the column's name unquoted, as Drizzle's column builder takes it. */
  narrowKeyHint: (a: { name: string }) => `Use bigint (Drizzle: bigint('${a.name}', { mode: 'number' })); 8 bytes instead of 4 per row is cheap next to that migration.`,
  narrowSerialKeyHint: (a: { name: string }) =>
    `Use bigserial (Drizzle: bigint('${a.name}', { mode: 'number' }), or bigserial); 8 bytes instead of 4 per row is cheap next to that migration.`,
};

export const preferBigint: Rule = {
  id: 'prefer-bigint',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'integer / smallint / serial primary and foreign keys: use bigint',
  squawk: ['prefer-bigint-over-int', 'prefer-bigint-over-smallint'],
  messages,
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (!isNarrow(col.type)) continue;
      let role: string | undefined;
      if (col.primaryKey) role = 'primary key';
      else if (col.foreignKey && !referencesNarrowOldKey(ctx, col.foreignKey.table, col.foreignKey.column)) role = 'foreign key';
      else if (col.via === 'alter-type') role = keyRole(ctx, col.ref, col.name);
      if (role) report(ctx, col.ref, col.name, col.type, role, col.typeName.location);
    }
    checkKeysAddedLater(ctx);
  },
};

function report(ctx: StatementContext, ref: RelationRef, name: string, type: ColumnType, role: string, at: number | undefined): void {
  ctx.report({
    at,
    message: messages.narrowKey({ column: quoteIdent(name), table: showRelation(ref), role, type: formatType(type), limit: NARROW[type.name] }),
    hint: type.serial ? messages.narrowSerialKeyHint({ name }) : messages.narrowKeyHint({ name }),
  });
}

/** "primary key" / "foreign key" when the schema already has the column in such a constraint. */
function keyRole(ctx: StatementContext, ref: RelationRef, column: string): string | undefined {
  const cons = [...(ctx.schema.table(ref)?.constraints.values() ?? [])].filter((c) => c.columns.includes(column));
  if (cons.some((c) => c.kind === 'primary')) return 'primary key';
  if (cons.some((c) => c.kind === 'foreign')) return 'foreign key';
  return undefined;
}

/**
 * An integer foreign key to an integer key that existed before this batch just matches its target:
 * the target is where the choice was made (and reported), not here.
 */
function referencesNarrowOldKey(ctx: StatementContext, table: RelationRef, column: string | undefined): boolean {
  const target = referencedColumn(ctx.schema, table, column);
  return !!target && isNarrow(target.type) && !ctx.isNewOrigin(target.origin);
}

function referencedColumn(schema: SchemaModel, table: RelationRef, column: string | undefined): Column | undefined {
  const t = schema.table(table);
  const name = column ?? [...(t?.constraints.values() ?? [])].find((c) => c.kind === 'primary')?.columns[0];
  return name ? t?.columns.get(name) : undefined;
}

/**
 * drizzle-kit declares keys in separate `ALTER TABLE … ADD CONSTRAINT` statements after the CREATE
 * TABLE: report there when the column was created in this batch and is not a key already.
 */
function checkKeysAddedLater(ctx: StatementContext): void {
  const alter = alterTable(ctx.statement);
  if (!alter) return;
  const table = ctx.schema.table(alter.ref);
  for (const cmd of alter.cmds) {
    const con = cmd.subtype === 'AT_AddConstraint' ? nodeAs(cmd.def, 'Constraint') : undefined;
    if (!con || (con.contype !== 'CONSTR_PRIMARY' && con.contype !== 'CONSTR_FOREIGN')) continue;
    const primary = con.contype === 'CONSTR_PRIMARY';
    const cols = names((primary ? con.keys : con.fk_attrs) as Node[] | undefined);
    const targets = names(con.pk_attrs as Node[] | undefined);
    cols.forEach((name, i) => {
      const col = table?.columns.get(name);
      if (!col || !isNarrow(col.type) || !ctx.isNewOrigin(col.origin) || keyRole(ctx, alter.ref, name)) return;
      const pktable = refOf(con.pktable);
      if (!primary && pktable && referencesNarrowOldKey(ctx, pktable, targets[i])) return;
      report(ctx, alter.ref, name, col.type, primary ? 'primary key' : 'foreign key', con.location);
    });
  }
}
