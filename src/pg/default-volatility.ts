import { names, nodeAs, walkAst, type Node } from '../sql/ast.js';

/**
 * Built-in functions that are IMMUTABLE or STABLE: as a column DEFAULT, Postgres (≥ 11) evaluates
 * them once at ALTER time and stores the result in the catalog instead of rewriting every row.
 */
const NON_VOLATILE = new Set([
  'now', 'statement_timestamp', 'transaction_timestamp', 'timezone', 'date_trunc', 'date_part', 'extract',
  'to_char', 'to_date', 'to_timestamp', 'to_number', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz',
  'make_interval', 'age', 'date', 'lower', 'upper', 'btrim', 'ltrim', 'rtrim', 'trim', 'length', 'char_length',
  'substring', 'substr', 'replace', 'concat', 'concat_ws', 'left', 'right', 'lpad', 'rpad', 'repeat', 'md5',
  'encode', 'decode', 'format', 'abs', 'round', 'floor', 'ceil', 'ceiling', 'trunc', 'power', 'greatest', 'least',
  'to_json', 'to_jsonb', 'json_build_object', 'jsonb_build_object', 'json_build_array', 'jsonb_build_array',
  'json_object', 'jsonb_object', 'array_to_json', 'row_to_json', 'array_fill', 'string_to_array',
  'array_to_string', 'current_setting', 'current_database', 'current_schema', 'pg_backend_pid',
  'uuid_nil', 'uuid_ns_dns', 'uuid_ns_url', 'uuid_ns_oid', 'uuid_ns_x500', 'uuid_generate_v3', 'uuid_generate_v5',
]);

/** Volatile built-ins (and common extension functions) people put in defaults. */
const VOLATILE = new Set([
  'random', 'random_normal', 'gen_random_uuid', 'uuidv4', 'uuidv7', 'uuid_generate_v1', 'uuid_generate_v1mc',
  'uuid_generate_v4', 'gen_random_bytes', 'clock_timestamp', 'timeofday', 'nextval', 'setval', 'currval', 'lastval',
  'txid_current', 'pg_current_xact_id',
]);

/** Expression nodes that compute nothing volatile by themselves; their operands decide. */
const PURE_NODES = new Set([
  'A_Const', 'TypeCast', 'TypeName', 'String', 'Integer', 'Float', 'Boolean', 'BitString', 'SQLValueFunction',
  'A_Expr', 'BoolExpr', 'NullTest', 'BooleanTest', 'CaseExpr', 'CaseWhen', 'CoalesceExpr', 'MinMaxExpr',
  'A_ArrayExpr', 'RowExpr', 'List', 'CollateClause', 'NamedArgExpr', 'FuncCall', 'A_Indirection', 'A_Indices',
]);

export type DefaultVolatility =
  | { kind: 'null' }
  | { kind: 'non-volatile' }
  /** `known`: a function Postgres marks VOLATILE; otherwise one the linter does not know (user function …). */
  | { kind: 'volatile'; culprit: string; known: boolean; at?: number };

/** Whether a DEFAULT expression makes `ADD COLUMN` compute a value per row (and so rewrite the table). */
export function defaultVolatility(expr: Node | undefined): DefaultVolatility {
  if (!expr || nodeAs(expr, 'A_Const')?.isnull) return { kind: 'null' };
  let found: DefaultVolatility | undefined;
  const consider = (kind: string, body: Record<string, unknown>) => {
    if (found) return;
    if (kind === 'FuncCall') {
      const parts = names(body.funcname as Node[] | undefined);
      const name = (parts[parts.length - 1] ?? '?').toLowerCase();
      const builtin = parts.length === 1 || parts[0] === 'pg_catalog';
      const shown = `${parts.join('.')}(${(body.args as unknown[] | undefined)?.length ? '…' : ''})`;
      const at = body.location as number | undefined;
      if (VOLATILE.has(name)) found = { kind: 'volatile', culprit: shown, known: true, at };
      else if (!builtin || !NON_VOLATILE.has(name)) found = { kind: 'volatile', culprit: shown, known: false, at };
    } else if (!PURE_NODES.has(kind)) {
      found = { kind: 'volatile', culprit: 'the default expression', known: false, at: body.location as number | undefined };
    }
  };
  walkAst([expr], consider);
  return found ?? { kind: 'non-volatile' };
}
