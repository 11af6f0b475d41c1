/** The only module that talks to libpg-query (the real Postgres parser, compiled to WASM). */
import { loadModule, parseSync, parsePlPgSQLSync } from 'libpg-query';
import type { Node, ParseResult } from 'libpg-query';

let loaded: Promise<void> | undefined;

/** Loads the WASM module once per process. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
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

function errorOf(e: unknown): ParseError {
  const err = e as { message?: string; sqlDetails?: { message?: string; cursorPosition?: number } };
  const pos = err.sqlDetails?.cursorPosition;
  return new ParseError(err.sqlDetails?.message ?? err.message ?? String(e), typeof pos === 'number' && pos >= 0 ? pos : undefined);
}

/** Parses SQL text into statements; throws ParseError. Requires loadParser() to have resolved. */
export function parseSql(text: string): RawStatement[] {
  let result: ParseResult;
  try {
    result = parseSync(text);
  } catch (e) {
    throw errorOf(e);
  }
  return (result.stmts ?? []).map((s) => ({
    node: s.stmt as Node,
    byteStart: s.stmt_location ?? 0,
    byteLength: s.stmt_len ? s.stmt_len : undefined,
  }));
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
  let result: unknown;
  try {
    result = parsePlPgSQLSync(doStatementText);
  } catch (e) {
    throw errorOf(e);
  }
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
