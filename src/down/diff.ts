/**
 * The SQL that takes the schema from `after` back to `before` (one statement's effect, reversed), in
 * an order Postgres accepts: views, policies, indexes, foreign keys and other constraints go before
 * the columns and tables they use; tables, columns and types come back before the constraints,
 * indexes and policies that need them.
 */
import { formatType } from '../schema/column-type.js';
import { names, nodeAs, walkAst, type Node } from '../sql/ast.js';
import type { Column, ColumnType, Constraint, EnumType } from '../schema/types.js';
import { columnDefSql, constraintSql, createTableSql, indexSql, policySql, splitKey, typeSql, userTypeKey, viewSql } from './definitions.js';
import { messages, type CautionReason, type IrreversibleReason } from './messages.js';
import { sameAst, type ModelState, type TableState } from './snapshot.js';
import { deparse, qualified, quoteIdent, quoteLiteral } from './sql-text.js';

export interface Note {
  kind: 'irreversible' | 'caution';
  reason: IrreversibleReason | CautionReason;
  message: string;
}

export interface Reversal {
  sql: string[];
  notes: Note[];
}

/** Facts about the statement being reversed that decide what counts as lost. */
export interface DiffContext {
  /** The migration file the statement is in: objects it created hold no earlier data. */
  file: string;
}

type Phase = number;

const show = (schema: string, name: string) => (schema === 'public' ? `"${name}"` : `"${schema}"."${name}"`);

export function diffStates(before: ModelState, after: ModelState, ctx: DiffContext): Reversal {
  const steps: [Phase, string][] = [];
  const notes: Note[] = [];
  const add = (phase: Phase, sql: string) => steps.push([phase, sql]);
  const lost = (reason: IrreversibleReason, message: string) => notes.push({ kind: 'irreversible', reason, message });
  const caution = (reason: CautionReason, message: string) => notes.push({ kind: 'caution', reason, message });
  const unknown = (object: string) => lost('unknown-definition', messages.unknownDefinition({ object }));

  // Schemas the statement created or dropped.
  for (const s of before.schemas) if (!after.schemas.has(s)) add(0, `CREATE SCHEMA ${quoteIdent(s)}`);
  for (const s of after.schemas) if (!before.schemas.has(s)) add(90, `DROP SCHEMA ${quoteIdent(s)}`);

  // Enum types.
  for (const [k, e] of before.enums) {
    const now = after.enums.get(k);
    if (!now) add(1, `CREATE TYPE ${qualified(e.schema, e.name)} AS ENUM(${e.values.map(quoteLiteral).join(', ')})`);
    else if (now.values.join('\0') !== e.values.join('\0')) recreateEnum(e, now);
  }
  for (const [k, e] of after.enums) if (!before.enums.has(k)) add(80, `DROP TYPE ${qualified(e.schema, e.name)}`);

  // Domains: the model keeps no definition to re-create one.
  for (const [k, d] of before.domains) if (!after.domains.has(k)) unknown(`Domain ${show(d.schema, d.name)}`);
  for (const [k, d] of after.domains) if (!before.domains.has(k)) add(80, `DROP DOMAIN ${qualified(d.schema, d.name)}`);

  // Relations the statement dropped or created.
  const dropTables: string[] = [];
  for (const [k, t] of after.tables) {
    const was = before.tables.get(k);
    if (was && was.kind === t.kind && sameAst(was.def, t.def)) continue;
    const name = qualified(t.schema, t.name);
    if (t.kind === 'view') add(10, `DROP VIEW ${name}`);
    else if (t.kind === 'materialized-view') add(10, `DROP MATERIALIZED VIEW ${name}`);
    else if (!was) dropTables.push(name);
    if (was && was.kind !== t.kind) unknown(`Relation ${show(t.schema, t.name)}`);
  }
  if (dropTables.length) add(40, `DROP TABLE ${dropTables.join(', ')}`);
  for (const [k, t] of before.tables) {
    const now = after.tables.get(k);
    if (now && now.kind === t.kind && sameAst(now.def, t.def)) continue;
    if (t.kind === 'view' || t.kind === 'materialized-view') {
      const sql = viewSql(t as never);
      if (sql) add(75, sql);
      else unknown(`View ${show(t.schema, t.name)}`);
      continue;
    }
    if (now) continue;
    add(50, createTableSql(t as never));
    if (t.origin.file !== ctx.file) lost('dropped-table', messages.droppedTable({ table: show(t.schema, t.name) }));
    if (t.rowLevelSecurity) add(60, `ALTER TABLE ${qualified(t.schema, t.name)} ENABLE ROW LEVEL SECURITY`);
    restoreConstraints(t, new Map(), true);
    for (const p of t.policies.values()) restorePolicy(t, p);
  }

  // Tables in both: columns, constraints, row-level security, policies.
  for (const [k, a] of after.tables) {
    const b = before.tables.get(k);
    if (!b || (a.kind !== 'table' && a.kind !== 'partitioned')) continue;
    const name = qualified(a.schema, a.name);
    for (const [n, p] of a.policies) {
      const was = b.policies.get(n);
      if (!was || !sameAst(was.def, p.def)) add(5, `DROP POLICY ${quoteIdent(n)} ON ${name}`);
    }
    for (const [n, p] of b.policies) {
      const now = a.policies.get(n);
      if (!now || !sameAst(now.def, p.def)) restorePolicy(b, p);
    }
    for (const [n, con] of a.constraints) {
      const was = b.constraints.get(n);
      if (was && sameConstraint(was, con)) continue;
      if (con.kind === 'not-null') continue;
      // A column drop takes its constraints along.
      if (con.columns.some((c) => !b.columns.has(c)) && !b.constraints.has(n)) continue;
      add(con.kind === 'foreign' ? 20 : 25, `ALTER TABLE ${name} DROP CONSTRAINT ${quoteIdent(n)}`);
    }
    for (const [n, col] of a.columns) if (!b.columns.has(n)) add(45, `ALTER TABLE ${name} DROP COLUMN ${quoteIdent(n)}`);
    for (const [n, col] of b.columns) {
      const now = a.columns.get(n);
      if (!now) {
        add(55, `ALTER TABLE ${name} ADD COLUMN ${columnDefSql(col)}`);
        if (col.origin.file !== ctx.file) lost('dropped-column', messages.droppedColumn({ column: quoteIdent(n), table: show(b.schema, b.name) }));
        continue;
      }
      alterColumn(b, col, now);
    }
    if (a.rowLevelSecurity !== b.rowLevelSecurity) add(60, `ALTER TABLE ${name} ${b.rowLevelSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
    restoreConstraints(b, a.constraints, false);
  }

  // Indexes made by CREATE INDEX (constraint indexes follow their constraints).
  for (const [k, i] of after.indexes) {
    const was = before.indexes.get(k);
    if (!i.def || (was && was.table === i.table && sameAst(was.def, i.def))) continue;
    // Dropped along with its table, column or constraint.
    if (!after.tables.has(i.table)) continue;
    const table = before.tables.get(i.table);
    if (!table || i.columns.every((c) => table.columns.has(c)) || before.indexes.has(k)) add(15, `DROP INDEX ${qualified(i.schema, i.name)}`);
  }
  for (const [k, i] of before.indexes) {
    const now = after.indexes.get(k);
    if (now && now.table === i.table && sameAst(now.def, i.def)) continue;
    if (!before.tables.get(i.table)) continue;
    const sql = indexSql(i, i.table);
    if (sql) add(70, sql);
    else if (!isConstraintIndex(i.table, i.name)) unknown(`Index ${show(i.schema, i.name)}`);
  }

  const order = steps.map((s, i) => [s, i] as const).sort((x, y) => x[0][0] - y[0][0] || x[1] - y[1]);
  return { sql: order.map(([[, sql]]) => sql), notes };

  function isConstraintIndex(tableKey: string, name: string): boolean {
    const t = before.tables.get(tableKey);
    return !!t && [...t.constraints.values()].some((c) => c.name === name);
  }

  function restorePolicy(t: TableState, p: TableState['policies'] extends Map<string, infer P> ? P : never): void {
    const sql = policySql(p, t as never);
    if (sql) add(76, sql);
    else unknown(`Policy ${quoteIdent(p.name)} on ${show(t.schema, t.name)}`);
  }

  /** Adds back the constraints of `t` that `now` lacks (or holds changed): others first, foreign keys last. */
  function restoreConstraints(t: TableState, now: Map<string, Constraint>, newTable: boolean): void {
    const name = qualified(t.schema, t.name);
    for (const con of t.constraints.values()) {
      const current = now.get(con.name);
      if (current && sameConstraint(current, con)) continue;
      if (con.kind === 'not-null') continue;
      const sql = constraintSql(con);
      if (!sql) {
        unknown(`Constraint ${quoteIdent(con.name)} on ${show(t.schema, t.name)}`);
        continue;
      }
      add(con.kind === 'foreign' ? 66 : 65, `ALTER TABLE ${name} ADD ${sql}`);
      if (!newTable && con.kind !== 'exclusion') caution('constraint-restored', messages.constraintRestored({ constraint: quoteIdent(con.name), table: show(t.schema, t.name) }));
    }
  }

  function alterColumn(t: TableState, was: Column, now: Column): void {
    const name = qualified(t.schema, t.name);
    const col = quoteIdent(was.name);
    const alter = (phase: Phase, what: string) => add(phase, `ALTER TABLE ${name} ALTER COLUMN ${col} ${what}`);
    const typeChanged = !sameType(was.type, now.type);
    const defaultChanged = !sameAst(was.default ?? null, now.default ?? null);
    if (typeChanged) {
      // A default that cannot be cast to the old type would stop the type change: it goes first.
      if (now.default) alter(56, 'DROP DEFAULT');
      alter(57, `SET DATA TYPE ${typeSql(was, 'alter')} USING ${castBack(was)}`);
      if (was.default) alter(58, `SET DEFAULT ${deparse(was.default)}`);
      rebuildUsers(t, was.name);
      const from = formatType(was.type);
      const to = formatType(now.type);
      if (!losslessChange(was.type, now.type, before.enums)) lost('lossy-type-change', messages.lossyTypeChange({ column: col, table: show(t.schema, t.name), from, to }));
      else if (!isTextType(was.type)) caution('type-restored', messages.typeRestored({ column: col, table: show(t.schema, t.name), to: from }));
    } else if (defaultChanged) {
      alter(58, was.default ? `SET DEFAULT ${deparse(was.default)}` : 'DROP DEFAULT');
    }
    if (was.identity !== now.identity) {
      if (!was.identity) alter(54, 'DROP IDENTITY');
      else if (!now.identity) alter(59, `ADD GENERATED ${was.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
      else alter(59, `SET GENERATED ${was.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`);
    }
    if (was.generated !== now.generated && was.generated) lost('unsupported-statement', messages.unsupported({ statement: `the change to generated column ${col}` }));
    else if (was.generated !== now.generated) alter(54, 'DROP EXPRESSION');
    if (was.notNull !== now.notNull) {
      // NOT NULL that a primary key implies comes back with the key.
      const fromKey = [...t.constraints.values()].some((c) => c.kind === 'primary' && c.columns.includes(was.name) && !after.tables.get(t.key)?.constraints.has(c.name));
      if (!was.notNull) alter(30, 'DROP NOT NULL');
      else if (!fromKey) {
        alter(59, 'SET NOT NULL');
        caution('not-null-restored', messages.notNullRestored({ column: col, table: show(t.schema, t.name) }));
      }
    }
  }

  /**
   * A type change rewrites the CHECK constraints and expression indexes that use the column with a
   * cast (`total >= 0::numeric` becomes `total::numeric >= 0::numeric` after numeric → integer), and
   * changing the type back keeps the cast: they are dropped before and re-created from their
   * definition after, so that they read as they did.
   */
  function rebuildUsers(t: TableState, column: string): void {
    const name = qualified(t.schema, t.name);
    const now = after.tables.get(t.key);
    for (const con of t.constraints.values()) {
      const current = now?.constraints.get(con.name);
      if (con.kind !== 'check' || !current || !sameConstraint(current, con) || !mentions(con.expr, column)) continue;
      const sql = constraintSql(con);
      if (!sql) continue;
      add(25, `ALTER TABLE ${name} DROP CONSTRAINT ${quoteIdent(con.name)}`);
      add(65, `ALTER TABLE ${name} ADD ${sql}`);
    }
    for (const [k, i] of before.indexes) {
      const current = after.indexes.get(k);
      if (i.table !== t.key || !i.def || !current || !sameAst(current.def, i.def) || !mentionsInExpression(i.def, column)) continue;
      const sql = indexSql(i, i.table);
      if (!sql) continue;
      add(15, `DROP INDEX ${qualified(i.schema, i.name)}`);
      add(70, sql);
    }
  }

  /**
   * Postgres cannot drop an enum value: the type is re-created with the earlier values and every
   * column of it converted through text (defaults dropped and set again around the conversion).
   */
  function recreateEnum(was: EnumType, now: EnumType): void {
    const type = qualified(was.schema, was.name);
    const old = `${was.name}__down_old`;
    const removed = now.values.filter((v) => !was.values.includes(v));
    add(2, `ALTER TYPE ${type} RENAME TO ${quoteIdent(old)}`);
    add(3, `CREATE TYPE ${type} AS ENUM(${was.values.map(quoteLiteral).join(', ')})`);
    for (const t of after.tables.values()) {
      for (const c of t.columns.values()) {
        if (c.type.serial || userTypeKey(c.type) !== now.key || (!c.type.schema && !now.key.startsWith('public.'))) continue;
        const name = qualified(t.schema, t.name);
        const col = quoteIdent(c.name);
        const arr = '[]'.repeat(c.type.arrayDims);
        // CHECK constraints and index expressions or predicates that compare the column with a value
        // of the type would meet the renamed old type (no operator between the two): re-created after.
        for (const con of t.constraints.values()) {
          const sql = con.kind === 'check' && mentions(con.expr, c.name) ? constraintSql(con) : undefined;
          if (!sql) continue;
          add(1.5, `ALTER TABLE ${name} DROP CONSTRAINT ${quoteIdent(con.name)}`);
          add(4.5, `ALTER TABLE ${name} ADD ${sql}`);
        }
        for (const i of after.indexes.values()) {
          const sql = i.table === t.key && i.def && mentionsInExpression(i.def, c.name) ? indexSql(i, i.table) : undefined;
          if (!sql) continue;
          add(1.5, `DROP INDEX ${qualified(i.schema, i.name)}`);
          add(4.5, sql);
        }
        if (c.default) add(4, `ALTER TABLE ${name} ALTER COLUMN ${col} DROP DEFAULT`);
        add(4, `ALTER TABLE ${name} ALTER COLUMN ${col} SET DATA TYPE ${type}${arr} USING ${col}::text${arr}::${type}${arr}`);
        if (c.default) add(4, `ALTER TABLE ${name} ALTER COLUMN ${col} SET DEFAULT ${deparse(c.default)}`);
      }
    }
    add(4, `DROP TYPE ${qualified(was.schema, old)}`);
    if (removed.length) caution('enum-value-removed', messages.enumValueRemoved({ type: show(was.schema, was.name), values: removed.map(quoteLiteral).join(', ') }));
  }
}

/** True when the expression has a column reference to `column`. */
function mentions(expr: unknown, column: string): boolean {
  let found = false;
  walkAst(expr, (kind, body) => {
    if (kind === 'ColumnRef' && names(body.fields as Node[] | undefined).pop() === column) found = true;
  });
  return found;
}

/** An index that uses the column inside an expression or its WHERE clause. */
function mentionsInExpression(def: Node, column: string): boolean {
  const idx = nodeAs(def, 'IndexStmt');
  const exprs = ((idx?.indexParams as Node[] | undefined) ?? []).map((p) => nodeAs(p, 'IndexElem')?.expr);
  return mentions(exprs, column) || mentions(idx?.whereClause, column);
}

function sameConstraint(a: Constraint, b: Constraint): boolean {
  return a.kind === b.kind && a.validated === b.validated && a.columns.join('\0') === b.columns.join('\0') && sameAst(a.def, b.def);
}

export function sameType(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && (a.schema ?? '') === (b.schema ?? '') && a.arrayDims === b.arrayDims && a.mods.join() === b.mods.join();
}

/** `"col"::old`: enums convert through text (an enum has no cast from another enum or from varchar). */
function castBack(col: Column): string {
  const arr = '[]'.repeat(col.type.arrayDims);
  const target = typeSql(col, 'alter');
  const viaText = col.type.schema !== undefined || !BUILTIN.has(col.type.name);
  return `${quoteIdent(col.name)}${viaText ? `::text${arr}` : ''}::${target}`;
}

const TEXT = new Set(['text', 'varchar', 'bpchar', 'citext']);
const INTEGERS = ['int2', 'int4', 'int8'];
const BUILTIN = new Set([
  ...TEXT, ...INTEGERS, 'numeric', 'float4', 'float8', 'bool', 'date', 'timestamp', 'timestamptz', 'time', 'timetz', 'interval', 'json', 'jsonb', 'uuid',
  'bytea', 'inet', 'cidr', 'macaddr', 'money', 'bit', 'varbit', 'point', 'line', 'polygon', 'tsvector', 'xml', 'oid',
]);

const isTextType = (t: ColumnType) => TEXT.has(t.name) && !t.schema && t.arrayDims === 0;

/**
 * Whether converting `from` → `to` (what the migration did) keeps every value, so that down's cast
 * back gives the original. Narrowing that Postgres refuses when a value does not fit (int8 → int4,
 * varchar(50) → varchar(10)) keeps what it accepts; rounding (numeric scale, float8 → float4,
 * float → integer), truncation (timestamp → date, precision) and reformatting (text → integer,
 * json → jsonb) do not.
 */
export function losslessChange(from: ColumnType, to: ColumnType, enums: Map<string, EnumType>): boolean {
  if (from.arrayDims !== to.arrayDims) return false;
  const isEnum = (t: ColumnType) => enums.has(userTypeKey(t));
  if (TEXT.has(to.name) && !to.schema) return true;
  if (isEnum(to) && ((TEXT.has(from.name) && !from.schema) || isEnum(from))) return true;
  if (from.name === to.name && (from.schema ?? '') === (to.schema ?? '')) {
    switch (from.name) {
      case 'numeric':
        return !to.mods.length || (from.mods.length > 0 && (to.mods[1] ?? 0) >= (from.mods[1] ?? 0));
      case 'timestamp':
      case 'timestamptz':
      case 'time':
      case 'timetz':
      case 'interval':
        return !to.mods.length || (from.mods.length > 0 && to.mods[0] >= from.mods[0]);
      default:
        return true;
    }
  }
  if (INTEGERS.includes(from.name) && (INTEGERS.includes(to.name) || to.name === 'numeric')) return true;
  if ((from.name === 'int2' || from.name === 'int4') && to.name === 'float8') return true;
  if (from.name === 'float4' && to.name === 'float8') return true;
  const times = ['timestamp', 'timestamptz'];
  if (times.includes(from.name) && times.includes(to.name)) return !to.mods.length || (from.mods.length > 0 && to.mods[0] >= from.mods[0]);
  if (from.name === 'date' && times.includes(to.name)) return true;
  if (from.name === 'jsonb' && to.name === 'json') return true;
  return false;
}

export { splitKey };
