import { isPgError, type Session } from './database.js';
import { quoteIdent } from '../sql/qualified-name.js';

interface ColumnRow {
  table_oid: number;
  schema: string;
  table: string;
  column: string;
  not_null: boolean;
  has_default: boolean;
  identity: string;
  generated: string;
  category: string;
  type_name: string;
  first_label: string | null;
  fk_schema: string | null;
  fk_table: string | null;
  fk_column: string | null;
}

// One row per column of every ordinary or partitioned table outside the system schemas (partitions
// get their row through the parent); for a column in a foreign key, the column it references (the
// parent has one row, so every column of a composite key takes its value from that same row).
const COLUMNS_SQL = `
SELECT DISTINCT ON (n.nspname, c.relname, a.attnum) c.oid::int AS table_oid, n.nspname AS schema, c.relname AS "table", a.attname AS "column",
       a.attnotnull AS not_null, a.atthasdef AS has_default, a.attidentity::text AS identity,
       a.attgenerated::text AS generated, bt.typcategory::text AS category, bt.typname::text AS type_name,
       (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = bt.oid ORDER BY e.enumsortorder LIMIT 1) AS first_label,
       fn.nspname AS fk_schema, fc.relname AS fk_table, fa.attname AS fk_column
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
  LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f' AND a.attnum = ANY (k.conkey)
  LEFT JOIN pg_class fc ON fc.oid = k.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  LEFT JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[array_position(k.conkey, a.attnum)]
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'drizzle') AND n.nspname NOT LIKE 'pg_%'
 ORDER BY n.nspname, c.relname, a.attnum`;

/**
 * A literal Postgres reads for any type of the category (an untyped string goes through the type's
 * input function). Every table gets the same values, so that a foreign key added later over existing
 * columns (`p_id` → `p.id`) finds its parent row, as it does on real data.
 */
function sampleLiteral(col: ColumnRow): string | undefined {
  switch (col.category) {
    case 'E':
      return col.first_label === null ? undefined : literal(col.first_label);
    case 'B':
      return "'true'";
    case 'N':
    case 'S':
      return "'1'";
    case 'D':
      return "'2026-01-01 12:00:00'";
    case 'T':
      return "'1 day'";
    case 'I':
      return "'127.0.0.1'";
    case 'A':
      return "'{}'";
    case 'R':
      return "'empty'";
    case 'G':
      return col.type_name === 'point' ? "'(0,0)'" : undefined;
    case 'U':
      return { uuid: "'00000000-0000-4000-8000-000000000001'", json: "'{}'", jsonb: "'{}'", bytea: "'\\x00'", xml: "'<a/>'" }[col.type_name];
    default:
      return undefined;
  }
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const qualified = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;
const shown = (schema: string, name: string) => (schema === 'public' ? name : `${schema}.${name}`);

interface TablePlan {
  name: string;
  target: string;
  columns: ColumnRow[];
  parents: Set<number>;
}

/** Values for one INSERT: every column that has no default of its own, or only the NOT NULL ones. */
function insertFor(plan: TablePlan, onlyRequired: boolean): string {
  const cols: string[] = [];
  const values: string[] = [];
  for (const col of plan.columns) {
    if (col.has_default || col.identity || col.generated) continue;
    if (onlyRequired && !col.not_null) continue;
    const value = col.fk_table
      ? `(SELECT ${quoteIdent(col.fk_column!)} FROM ${qualified(col.fk_schema!, col.fk_table)} LIMIT 1)`
      : sampleLiteral(col);
    if (value === undefined) continue;
    cols.push(quoteIdent(col.column));
    values.push(value);
  }
  return cols.length
    ? `INSERT INTO ${plan.target} (${cols.join(', ')}) VALUES (${values.join(', ')})`
    : `INSERT INTO ${plan.target} DEFAULT VALUES`;
}

/** Parents before children, so that foreign keys find their row; cycles keep catalog order. */
function parentsFirst(plans: Map<number, TablePlan>): TablePlan[] {
  const out: TablePlan[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number) => {
    if (state.get(oid)) return;
    state.set(oid, 'visiting');
    for (const p of plans.get(oid)!.parents) if (plans.has(p) && p !== oid) visit(p);
    state.set(oid, 'done');
    out.push(plans.get(oid)!);
  };
  for (const oid of plans.keys()) visit(oid);
  return out;
}

export interface SampleRowsOutcome {
  /** Tables that have at least one row now. */
  filled: number;
  /** Tables still empty, with Postgres's reason. */
  unfilled: Map<string, string>;
}

/**
 * Puts one row in every empty table, so that statements that depend on existing rows (NOT NULL,
 * casts, constraint validation, index builds) behave as on a live database. Runs inside the
 * caller's transaction, one savepoint per attempt, so a refused row never aborts it.
 */
export async function fillEmptyTables(session: Session): Promise<SampleRowsOutcome> {
  const rows = await session.query<ColumnRow>(COLUMNS_SQL);
  const parentOids = new Map<string, number>();
  const plans = new Map<number, TablePlan>();
  for (const r of rows) {
    const oid = Number(r.table_oid);
    parentOids.set(`${r.schema}.${r.table}`, oid);
    if (!plans.has(oid)) plans.set(oid, { name: shown(r.schema, r.table), target: qualified(r.schema, r.table), columns: [], parents: new Set() });
    plans.get(oid)!.columns.push(r);
  }
  for (const plan of plans.values()) {
    for (const c of plan.columns) {
      const parent = c.fk_table ? parentOids.get(`${c.fk_schema}.${c.fk_table}`) : undefined;
      if (parent !== undefined) plan.parents.add(parent);
    }
  }
  const unfilled = new Map<string, string>();
  let filled = 0;
  for (const plan of parentsFirst(plans)) {
    const has = await session.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${plan.target}) AS has`);
    if (has[0]?.has) {
      filled++;
      continue;
    }
    let reason = '';
    for (const sql of new Set([insertFor(plan, false), insertFor(plan, true)])) {
      await session.exec('SAVEPOINT verify_sample_row');
      try {
        await session.exec(sql);
        await session.exec('RELEASE SAVEPOINT verify_sample_row');
        reason = '';
        break;
      } catch (e) {
        await session.exec('ROLLBACK TO SAVEPOINT verify_sample_row');
        if (!isPgError(e)) throw e;
        reason ||= `${e.code}: ${e.message}`;
      }
    }
    if (reason) unfilled.set(plan.name, reason);
    else filled++;
  }
  return { filled, unfilled };
}
