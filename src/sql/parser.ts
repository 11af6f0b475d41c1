/**
 * The only module that talks to libpg-query (the real Postgres parser, compiled to WASM).
 *
 * It drives the WASM module directly instead of through the package's wrapper: the wrapper instantiates
 * a second copy of the module on import and moves strings through byte-by-byte JavaScript loops,
 * which cost about a fifth of a cold lint run. Strings here go through TextEncoder/TextDecoder.
 */
import { getHeapStatistics } from 'node:v8';
import loadWasm, { type PgQueryWasm } from 'libpg-query/wasm/libpg-query.js';
import type { Node, ParseResult } from 'libpg-query';

let wasm: PgQueryWasm | undefined;
let loaded: Promise<void> | undefined;
/** Set when the module exited or aborted: its memory is gone, no later call can succeed. */
let crashed: ParserCrash | undefined;

/**
 * What the WASM runtime prints: Emscripten writes `print` to console.log, i.e. stdout, and a parser
 * that runs out of memory prints "Terminating process due to FATAL error" there (into a --format
 * json report) and a memory-context dump to stderr. Kept (the last few lines) for the error instead.
 */
const printed: string[] = [];
const keep = (line: string) => {
  printed.push(String(line));
  if (printed.length > 20) printed.shift();
};

/** Loads the WASM module once per process. */
export function loadParser(): Promise<void> {
  loaded ??= loadWasm({ print: keep, printErr: keep }).then((m) => {
    wasm = m;
  });
  return loaded;
}

function module(): PgQueryWasm {
  if (crashed) throw crashed;
  if (!wasm) throw new Error('the SQL parser is not loaded: await loadParser() first');
  return wasm;
}

/**
 * The parser itself failed (out of memory, an abort): not a syntax error of the text, and the
 * module cannot be used again in this process.
 */
export class ParserCrash extends Error {}

/** Turns an Emscripten exit or abort (or a JS allocation failure) during a call into a ParserCrash. */
function crash(e: unknown): ParserCrash {
  if (e instanceof ParserCrash) return e;
  const text = [...printed, String((e as Error)?.message ?? e)].join('\n');
  const reason = /memory|Cannot enlarge|Invalid array length|Allocation failed/i.test(text) ? 'ran out of memory' : 'stopped';
  return (crashed = new ParserCrash(`the SQL parser ${reason} on this file (too large or too deeply nested to parse)`));
}

/**
 * A parse tree becomes a JSON string in WASM memory, then a string and objects on the V8 heap. When
 * they cannot fit, V8 ends the process with a fatal error and a stack dump; checked before reading,
 * that is one clear error instead. Measured on a 1 MB INSERT (a 13.7 MB tree): the objects keep 2.5
 * times the JSON's length, and the lint of that file needs up to ~8 times it in all (V8 ended the
 * process with --max-old-space-size=48, a 100 MB heap limit; it passes with 80).
 */
function ensureHeapFor(jsonLength: number): void {
  const heap = getHeapStatistics();
  if (jsonLength * 8 > heap.heap_size_limit - heap.used_heap_size) {
    throw new ParserCrash('the SQL parser ran out of memory on this file (too large to parse within the JavaScript heap limit)');
  }
}

export interface RawStatement {
  node: Node;
  /** Byte offset of the statement in the parsed text. */
  byteStart: number;
  /** Byte length, or undefined when the statement runs to the end of the text. */
  byteLength: number | undefined;
}

export class ParseError extends Error {
  constructor(
    message: string,
    /**
     * 0-based offset of the error in the parsed text, when the parser knows it. Postgres counts the
     * error cursor in characters (code points), not bytes like statement and node locations.
     */
    readonly codePointOffset: number | undefined,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Copies text into WASM memory as a NUL-terminated UTF-8 string; the caller frees the pointer. */
function toWasm(m: PgQueryWasm, text: string): number {
  // One UTF-16 code unit is at most 3 UTF-8 bytes.
  const size = text.length * 3 + 1;
  const ptr = m._malloc(size);
  // Read HEAPU8 after malloc: growing the memory replaces the view.
  const { written } = encoder.encodeInto(text, m.HEAPU8.subarray(ptr, ptr + size - 1));
  m.HEAPU8[ptr + written] = 0;
  return ptr;
}

function fromWasm(m: PgQueryWasm, ptr: number): string {
  const heap = m.HEAPU8;
  const end = heap.indexOf(0, ptr);
  return decoder.decode(heap.subarray(ptr, end === -1 ? heap.length : end));
}

/**
 * Calls a WASM entry point on `text`: copies the text in, reads the result out with `read`, and frees
 * both the text and (with `free`) the result, also when `read` throws.
 */
function callWasm<T>(
  text: string,
  call: (m: PgQueryWasm, textPtr: number) => number,
  read: (m: PgQueryWasm, resultPtr: number) => T,
  free: (m: PgQueryWasm, resultPtr: number) => void,
): T {
  const m = module();
  const textPtr = toWasm(m, text);
  let resultPtr = 0;
  try {
    resultPtr = call(m, textPtr);
    return read(m, resultPtr);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw crash(e);
  } finally {
    if (!crashed) {
      m._free(textPtr);
      if (resultPtr) free(m, resultPtr);
    }
  }
}

/** Parses SQL text into statements; throws ParseError. Requires loadParser() to have resolved. */
export function parseSql(text: string): RawStatement[] {
  const json = callWasm(
    text,
    (m, ptr) => m._wasm_parse_query_raw(ptr),
    (m, resultPtr) => {
      if (!resultPtr) throw new ParseError('the parser ran out of memory', undefined);
      // PgQueryParseResult { char *parse_tree; char *stderr_buffer; PgQueryError *error; }
      const treePtr = m.HEAPU32[resultPtr >> 2];
      const errorPtr = m.HEAPU32[(resultPtr + 8) >> 2];
      if (errorPtr) {
        // PgQueryError { char *message; char *funcname; char *filename; int lineno; int cursorpos; … }
        const messagePtr = m.HEAPU32[errorPtr >> 2];
        const cursor = m.HEAPU32[(errorPtr + 16) >> 2] | 0;
        throw new ParseError(messagePtr ? fromWasm(m, messagePtr) : 'syntax error', cursor > 0 ? cursor - 1 : 0);
      }
      if (!treePtr) throw new ParseError('the parser returned no tree', undefined);
      ensureHeapFor(m.HEAPU8.indexOf(0, treePtr) - treePtr);
      return fromWasm(m, treePtr);
    },
    (m, resultPtr) => m._wasm_free_parse_result(resultPtr),
  );
  const result = JSON.parse(json) as ParseResult;
  return (result.stmts ?? []).map((s) => ({
    node: s.stmt as Node,
    byteStart: s.stmt_location ?? 0,
    byteLength: s.stmt_len ? s.stmt_len : undefined,
  }));
}

/** Parses a `DO $$ … $$` statement's PL/pgSQL; throws ParseError. */
function parsePlpgsql(text: string): unknown {
  const out = callWasm(
    text,
    (m, ptr) => m._wasm_parse_plpgsql(ptr),
    (m, resultPtr) => (resultPtr ? fromWasm(m, resultPtr) : 'the PL/pgSQL parser returned nothing'),
    (m, resultPtr) => m._wasm_free_string(resultPtr),
  );
  // Success is a JSON object; anything else is the error message.
  if (!out.startsWith('{')) throw new ParseError(out, undefined);
  return JSON.parse(out);
}

export interface PlpgsqlQuery {
  query: string;
  /** True when the statement sits in a block with an EXCEPTION handler (drizzle's idempotency wrapper). */
  guarded: boolean;
  /** Condition names of the enclosing handlers, e.g. duplicate_object. */
  handledConditions: string[];
}

/**
 * Returns the SQL statements a PL/pgSQL body runs (`DO $$ … $$` as a whole statement text),
 * in source order. Dynamic SQL (EXECUTE) is not followed.
 */
export function plpgsqlQueries(doStatementText: string): PlpgsqlQuery[] {
  const result = parsePlpgsql(doStatementText);
  const out: PlpgsqlQuery[] = [];
  const walk = (value: unknown, handled: string[]): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v, handled);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const block = obj.PLpgSQL_stmt_block as { body?: unknown; exceptions?: unknown } | undefined;
    if (block) {
      const conditions: string[] = [];
      collectConditions(block.exceptions, conditions);
      walk(block.body, conditions.length ? [...handled, ...conditions] : handled);
      walk(block.exceptions, handled);
      return;
    }
    const exec = obj.PLpgSQL_stmt_execsql as { sqlstmt?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    const query = exec?.sqlstmt?.PLpgSQL_expr?.query;
    if (typeof query === 'string') {
      out.push({ query, guarded: handled.length > 0, handledConditions: handled });
      return;
    }
    for (const v of Object.values(obj)) walk(v, handled);
  };
  walk(result, []);
  return out;
}

function collectConditions(value: unknown, into: string[]): void {
  if (Array.isArray(value)) return value.forEach((v) => collectConditions(v, into));
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const cond = obj.PLpgSQL_condition as { condname?: string } | undefined;
  if (cond?.condname) into.push(cond.condname);
  for (const v of Object.values(obj)) collectConditions(v, into);
}
