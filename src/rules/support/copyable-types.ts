import type { ColumnType } from '../../schema/types.js';

/**
 * Widenings a dropped column's values survive when copied into the added column with a plain
 * `UPDATE t SET new = old`. Each is an implicit cast in pg_cast (castcontext 'i', read on PGlite
 * 18.6) that keeps every value: varchar ↔ text is binary-coercible, the integer and float steps
 * and date → timestamp(tz) / timestamp → timestamptz are implicit functions. Left out on purpose:
 * narrowings (bigint → integer, timestamptz → timestamp: assignment casts that fail or shift by
 * TimeZone), char(n) → text (implicit, but drops trailing blanks), and every cast that is explicit
 * only (text → uuid, text → integer: no pg_cast row, so the copy itself fails). json → jsonb is an
 * assignment cast that keeps the value (measured: whitespace, key order and duplicate keys go; a
 * string holding \u0000 fails with 22P05, loudly).
 */
const WIDENS_TO: Record<string, readonly string[]> = {
  varchar: ['text'],
  text: ['varchar'],
  int2: ['int4', 'int8', 'numeric'],
  int4: ['int8', 'numeric'],
  int8: ['numeric'],
  float4: ['float8'],
  date: ['timestamp', 'timestamptz'],
  timestamp: ['timestamptz'],
  json: ['jsonb'],
};

/** Types whose first modifier is a limit that may grow (length or fractional-second precision); interval's may be a field mask. */
const GROWING_LIMIT = new Set(['varchar', 'bpchar', 'timestamp', 'timestamptz', 'time', 'timetz']);

/**
 * Whether every value of a column of type `from` copies into one of type `to` unchanged. Same type
 * with the same or a wider modifier, or a widening of WIDENS_TO into an unconstrained type.
 */
export function copiesInto(from: ColumnType, to: ColumnType): boolean {
  if (from.arrayDims !== to.arrayDims || from.schema !== to.schema) return false;
  if (from.name === to.name) return widerMods(from, to);
  if (from.schema || !WIDENS_TO[from.name]?.includes(to.name)) return false;
  // A limit on the target (varchar(20), numeric(10, 2), timestamptz(0)) can cut or round what comes in.
  return to.mods.length === 0;
}

function widerMods(from: ColumnType, to: ColumnType): boolean {
  if (from.mods.join(',') === to.mods.join(',') || !to.mods.length) return true;
  if (!from.mods.length) return false;
  if (GROWING_LIMIT.has(from.name)) return to.mods[0] >= from.mods[0];
  // numeric(p, s): room for as many digits before and after the point.
  if (from.name === 'numeric') {
    const [p, s = 0] = from.mods;
    const [q, t = 0] = to.mods;
    return t >= s && q - t >= p - s;
  }
  return false;
}
