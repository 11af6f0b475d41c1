import { isBareColumnRef, nodeAs, type Node } from '../sql/ast.js';
import { columnTypeOf } from '../schema/column-type.js';
import { DEFAULT_SCHEMA, type SchemaModel } from '../schema/model.js';
import type { ColumnType } from '../schema/types.js';

/**
 * What `ALTER COLUMN … TYPE` does to the stored data, per reference/postgres-locks.md and the rows
 * measured on PGlite 18.6 (relfilenode and pg_stat_xact scan counters before/after, see
 * docs/rules/changing-column-type.md):
 * - `none`: the values are reused as they are (catalog change; the column's indexes keep their storage);
 * - `index`: the values are reused (a binary-coercible cast), but the index operator class differs, so
 *   the column's indexes are rebuilt (int4 → oid: index rebuilt, table scanned once);
 * - `timezone`: timestamp ⇄ timestamptz: no rewrite when the session TimeZone is UTC, but the
 *   column's indexes are rebuilt; a full rewrite with any other TimeZone;
 * - `rewrite`: every row and every index is rewritten.
 * Whatever keeps the storage still re-checks the CHECK constraints on the column (a scan under
 * ACCESS EXCLUSIVE; measured: varchar(10) → varchar(20), cidr → inet, timestamp → timestamptz).
 */
export type TypeChangeEffect = 'none' | 'index' | 'timezone' | 'rewrite';

/** Same type apart from modifiers; an unqualified user type is the one in `public`. */
function sameBaseType(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && (a.schema ?? DEFAULT_SCHEMA) === (b.schema ?? DEFAULT_SCHEMA) && a.arrayDims === b.arrayDims;
}

export function sameType(a: ColumnType, b: ColumnType): boolean {
  return sameBaseType(a, b) && a.mods.join(',') === b.mods.join(',');
}

const STRINGS = new Set(['text', 'varchar']);

/** varbit(n) → varbit(m ≥ n) keeps the bytes, as varchar does (its length-coercion support function). */
const WIDENABLE = new Set(['varchar', 'varbit']);

/**
 * Date/time types whose precision coercion Postgres skips (TemporalSimplify, interval_support) when the
 * new precision is unconstrained, the maximum (6), or at least the old one. Measured on PGlite 18.6:
 * timestamp → timestamp(6), timestamp(3) → timestamp, time → time(6), interval → interval(6),
 * interval(0) → interval(6): no rewrite; timestamp → timestamp(3), interval(6) → interval(3): rewrite.
 */
const TEMPORAL = new Set(['timestamp', 'timestamptz', 'time', 'timetz', 'interval']);
const MAX_TEMPORAL_PRECISION = 6;

/**
 * Casts between different types that pg_cast declares binary coercible (method `b`), measured on
 * PGlite 18.6 without a rewrite: cidr → inet (its index kept too: same operator class), int4 → oid,
 * bit → varbit, xml → text; and citext ⇄ text, varchar → citext, citext → varchar (no length):
 * declared by the citext extension, whose type exists only where the extension was created.
 * The value is whether the column's indexes keep their storage (same operator class).
 */
const BINARY_COERCIBLE: Record<string, Record<string, boolean>> = {
  cidr: { inet: true },
  int4: { oid: false },
  bit: { varbit: false },
  xml: { text: false },
  text: { citext: false },
  varchar: { citext: false },
  citext: { text: false, varchar: false },
};

function isCitext(t: ColumnType): boolean {
  return t.name === 'citext' && (!t.schema || t.schema === 'public' || t.schema === 'extensions');
}

/** The name binary coercibility is looked up by (citext in whichever schema the extension went). */
const castName = (t: ColumnType) => (isCitext(t) ? 'citext' : t.schema ? undefined : t.name);

export function typeChangeEffect(from: ColumnType, to: ColumnType): TypeChangeEffect {
  if (sameType(from, to)) return 'none';
  if (sameBaseType(from, to) && from.name !== 'numeric' && !from.schema) {
    if (TEMPORAL.has(to.name)) {
      const [was] = from.mods;
      const now = to.mods[0];
      return now === undefined || now >= MAX_TEMPORAL_PRECISION || (was !== undefined && now >= was) ? 'none' : 'rewrite';
    }
    // Without a modifier there is no length coercion to apply, so the stored values are reused.
    if (!to.mods.length) return 'none';
    if (WIDENABLE.has(to.name) && from.mods.length && to.mods[0] >= from.mods[0]) return 'none';
  }
  if (from.arrayDims !== to.arrayDims) return 'rewrite';
  const a = castName(from);
  const b = castName(to);
  if (a && b && BINARY_COERCIBLE[a]?.[b] !== undefined && (b !== 'varchar' || !to.mods.length)) return BINARY_COERCIBLE[a][b] ? 'none' : 'index';
  if (from.schema || to.schema) return 'rewrite';
  // varchar(n) → varchar(m ≥ n) / varchar / text, and text → unbounded varchar, keep the bytes.
  if (STRINGS.has(from.name) && STRINGS.has(to.name)) {
    if (to.name === 'text' || !to.mods.length) return 'none';
    return 'rewrite';
  }
  // numeric(p, s) → numeric(p' ≥ p, s) or unconstrained numeric keep the bytes; a scale change does not.
  if (from.name === 'numeric' && to.name === 'numeric') {
    if (!to.mods.length) return 'none';
    if (!from.mods.length) return 'rewrite';
    return to.mods[0] >= from.mods[0] && (to.mods[1] ?? 0) === (from.mods[1] ?? 0) ? 'none' : 'rewrite';
  }
  const pair = new Set([from.name, to.name]);
  if (pair.size === 2 && pair.has('timestamp') && pair.has('timestamptz')) return 'timezone';
  return 'rewrite';
}

/**
 * A USING expression that is just the column, or the column cast to the target type, changes
 * nothing about the conversion: Postgres treats it like no USING at all.
 */
export function isTrivialUsing(using: Node | undefined, column: string, to: ColumnType): boolean {
  if (!using) return true;
  const cast = nodeAs(using, 'TypeCast');
  if (!isBareColumnRef(cast ? cast.arg : using, column)) return false;
  return !cast || sameType(columnTypeOf(cast.typeName), to);
}

/** Type families within which Postgres has implicit or assignment casts. */
const FAMILIES: Record<string, string> = {
  text: 'string', varchar: 'string', bpchar: 'string',
  int2: 'number', int4: 'number', int8: 'number', float4: 'number', float8: 'number', numeric: 'number',
  bool: 'bool',
  uuid: 'uuid',
  date: 'datetime', timestamp: 'datetime', timestamptz: 'datetime',
  time: 'time', timetz: 'time', interval: 'time',
  json: 'json', jsonb: 'json',
  inet: 'network', cidr: 'network',
  bytea: 'bytea',
};

function familyOf(t: ColumnType, schema: SchemaModel): string | undefined {
  if (!t.schema && FAMILIES[t.name]) return FAMILIES[t.name];
  const e = schema.userType(t).enum;
  return e ? `enum ${e.key}` : undefined;
}

/**
 * False when Postgres has no implicit or assignment cast from `from` to `to`, so that
 * `ALTER COLUMN … TYPE` without USING fails (42804). Undefined when the linter cannot tell
 * (extension types, domains, unknown user types).
 */
export function hasAssignmentCast(from: ColumnType, to: ColumnType, schema: SchemaModel): boolean | undefined {
  const fromFamily = familyOf(from, schema);
  const toFamily = familyOf(to, schema);
  if (!fromFamily || !toFamily) return undefined;
  // Every type converts to a string type by its output function as an assignment cast (a whole
  // array to a scalar string, or element by element between arrays).
  if (toFamily === 'string' && (to.arrayDims === 0 || to.arrayDims === from.arrayDims)) return true;
  if (from.arrayDims !== to.arrayDims) return false;
  if (fromFamily === toFamily) return true;
  // timestamp/timestamptz → time/timetz are assignment casts.
  if (fromFamily === 'datetime' && toFamily === 'time' && from.name !== 'date') return true;
  return false;
}
