import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import type { ColumnType } from './types.js';

const ALIASES: Record<string, string> = {
  int: 'int4',
  integer: 'int4',
  int4: 'int4',
  smallint: 'int2',
  int2: 'int2',
  bigint: 'int8',
  int8: 'int8',
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
  boolean: 'bool',
  bool: 'bool',
  real: 'float4',
  float4: 'float4',
  'double precision': 'float8',
  float8: 'float8',
  float: 'float8',
  decimal: 'numeric',
  numeric: 'numeric',
  'character varying': 'varchar',
  varchar: 'varchar',
  character: 'bpchar',
  char: 'bpchar',
  bpchar: 'bpchar',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  timetz: 'timetz',
};

const INTERVAL_FULL_RANGE = 0x7fff;

const SERIALS = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** Canonical form of a parsed TypeName. */
export function columnTypeOf(typeName: NodeOf<'TypeName'> | undefined): ColumnType {
  const parts = names(typeName?.names as Node[] | undefined);
  const builtin = parts.length === 2 && parts[0] === 'pg_catalog';
  // The parser already folds unquoted names to lower case; a quoted "MyEnum" keeps its case.
  const raw = parts[parts.length - 1] ?? 'unknown';
  const schema = parts.length === 2 && !builtin ? parts[0] : undefined;
  const mods: number[] = [];
  for (const m of (typeName?.typmods as Node[] | undefined) ?? []) {
    const c = nodeAs(m, 'A_Const');
    const v = c?.ival?.ival ?? (c?.ival ? 0 : undefined);
    if (typeof v === 'number') mods.push(v);
  }
  // The grammar writes interval(p) as (field mask, p), with INTERVAL_FULL_RANGE (0x7fff) for "all
  // fields": keep the precision alone, as people write it (else it reads "interval(32767, 0)").
  if (raw === 'interval' && mods[0] === INTERVAL_FULL_RANGE) mods.shift();
  return {
    name: schema ? raw : (ALIASES[raw] ?? raw),
    schema,
    mods,
    arrayDims: (typeName?.arrayBounds as Node[] | undefined)?.length ?? 0,
    serial: !schema && SERIALS.has(raw),
  };
}

const SQL_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
};

const SERIAL_NAMES: Record<string, string> = { int2: 'smallserial', int4: 'serial', int8: 'bigserial' };

/**
 * How a type is shown in messages, as people write it: varchar(100), numeric(10, 2), integer, text[].
 * serial is not a type (the column is an integer with a sequence default), so a serial column reads
 * `integer (serial)`, `bigint (bigserial)`.
 */
export function formatType(t: ColumnType): string {
  const base = t.schema ? `${t.schema}.${t.name}` : (SQL_NAMES[t.name] ?? t.name);
  const shown = `${base}${t.mods.length ? `(${t.mods.join(', ')})` : ''}${'[]'.repeat(t.arrayDims)}`;
  const serial = t.serial && !t.schema ? SERIAL_NAMES[t.name] : undefined;
  return serial ? `${shown} (${serial})` : shown;
}
