import { kindOf, nodeAs } from './ast.js';
import { parseSql, plpgsqlQueries, ParseError, ParserCrash, type RawStatement } from './parser.js';
import { byteToCharOffsets, codePointToCharOffset, SourceFile, type Location } from './source-file.js';
import { BREAKPOINT, skipTrivia, splitOnBreakpoints, trimEnd, type Chunk } from './split-breakpoints.js';
import type { Statement } from './statement.js';

export interface SyntaxProblem {
  message: string;
  location: Location;
  chunk: number;
  /** True for a DO body the PL/pgSQL parser rejected (the DO statement itself parsed). */
  inDoBody: boolean;
}

export interface ParsedFile {
  file: SourceFile;
  statements: Statement[];
  problems: SyntaxProblem[];
  /** How many top-level statements each breakpoint chunk holds (0 for blank or rejected chunks). */
  chunkStatementCounts: number[];
}

/** Splits a migration on drizzle's breakpoints and parses every chunk with the Postgres parser. */
export function parseMigration(path: string, raw: string): ParsedFile {
  const file = new SourceFile(path, raw);
  const statements: Statement[] = [];
  const problems: SyntaxProblem[] = [];
  const add = (stmt: Statement) => {
    statements.push({ ...stmt, index: statements.length });
    if (stmt.kind === 'DoStmt') expandDoBlock(statements[statements.length - 1], statements, problems);
  };
  const chunks = splitOnBreakpoints(file.text);
  const whole = chunks.length > 1 && file.text.length <= WHOLE_FILE_MAX_CHARS ? parseWholeFile(file, chunks) : undefined;
  if (whole) {
    for (const stmt of whole.statements) add(stmt);
    return { file, statements, problems, chunkStatementCounts: whole.counts };
  }
  const chunkStatementCounts: number[] = [];
  chunks.forEach((chunk, chunkIndex) => {
    let raws: RawStatement[];
    // The parser rejects text with no statement; Postgres itself runs it as an empty query.
    if (isBlank(chunk.text)) {
      chunkStatementCounts.push(0);
      return;
    }
    const nul = chunk.text.indexOf('\0');
    if (nul !== -1) {
      // The parser reads C strings and would silently stop at the NUL; Postgres rejects the query.
      const at = chunk.start + nul;
      problems.push({ message: 'the text contains a NUL byte (0x00), which Postgres rejects', location: file.location(at, at), chunk: chunkIndex, inDoBody: false });
      chunkStatementCounts.push(0);
      return;
    }
    try {
      raws = parseSql(chunk.text);
    } catch (e) {
      if (e instanceof ParserCrash) throw e;
      problems.push(problemAt(e as ParseError, chunk.text, chunk.start, file, chunkIndex, false));
      chunkStatementCounts.push(0);
      return;
    }
    chunkStatementCounts.push(raws.length);
    for (const stmt of located(raws, chunk.text, chunk.start, file, () => chunkIndex)) add(stmt);
  });
  return { file, statements, problems, chunkStatementCounts };
}

/**
 * Above this size a file is parsed chunk by chunk: the parser's memory (WASM memory never shrinks)
 * and the JSON tree of one huge call would dominate the process's peak memory.
 */
const WHOLE_FILE_MAX_CHARS = 256 * 1024;

/**
 * Parses the whole file in one parser call and places each statement in its chunk: one call per
 * file instead of one per chunk is markedly faster on drizzle-kit output. The result is used only
 * when it is what chunk-by-chunk parsing gives: every statement inside one chunk, and only
 * whitespace, comments and semicolons between a chunk's last statement and the next breakpoint (so
 * no breakpoint sits inside a literal or a block comment). Otherwise — a syntax error, a chunk
 * without its closing semicolon, a NUL byte — the caller parses chunk by chunk.
 */
function parseWholeFile(file: SourceFile, chunks: Chunk[]): { statements: Statement[]; counts: number[] } | undefined {
  const text = file.text;
  if (text.includes('\0')) return undefined;
  let raws: RawStatement[];
  try {
    raws = parseSql(text);
  } catch (e) {
    if (e instanceof ParserCrash) throw e;
    return undefined;
  }
  const ends = chunks.map((c, i) => (i + 1 < chunks.length ? chunks[i + 1].start - BREAKPOINT.length : text.length));
  let chunk = 0;
  const chunkOf = (start: number) => {
    while (start >= ends[chunk]) chunk++;
    return chunk;
  };
  const statements = located(raws, text, 0, file, chunkOf);
  if (statements.length !== raws.length) return undefined;
  const counts = chunks.map(() => 0);
  const lastEnd = chunks.map((c) => c.start);
  for (const stmt of statements) {
    if (stmt.end > ends[stmt.chunk]) return undefined;
    counts[stmt.chunk]++;
    lastEnd[stmt.chunk] = stmt.end;
  }
  for (let i = 0; i + 1 < chunks.length; i++) if (!onlyTrivia(text, lastEnd[i], ends[i])) return undefined;
  return { statements, counts };
}

/** True when text[from, to) holds only whitespace, complete comments and semicolons. */
function onlyTrivia(text: string, from: number, to: number): boolean {
  let i = from;
  for (;;) {
    i = skipTrivia(text, i, to);
    if (i < to && text[i] === ';') i++;
    else return i >= to;
  }
}

/** Adds the SQL statements inside a `DO $$ … $$` body as statements of their own, located in the file. */
function expandDoBlock(doStmt: Statement, into: Statement[], problems: SyntaxProblem[]): void {
  const lang = nodeAs(doStmt.node, 'DoStmt')?.args?.map((a) => nodeAs(a, 'DefElem')).find((d) => d?.defname === 'language');
  const langName = nodeAs(lang?.arg, 'String')?.sval;
  if (langName && langName.toLowerCase() !== 'plpgsql') return;
  if (expandDrizzleGuard(doStmt, into)) return;
  const { file } = doStmt;
  let queries;
  try {
    queries = plpgsqlQueries(doStmt.text);
  } catch (e) {
    if (e instanceof ParserCrash) throw e;
    problems.push(problemAt(e as ParseError, doStmt.text, doStmt.start, file, doStmt.chunk, true));
    return;
  }
  // The PL/pgSQL parser returns each query's text verbatim; find them in order in the body.
  let cursor = doStmt.start;
  for (const q of queries) {
    const found = file.text.indexOf(q.query, cursor);
    if (found === -1 || found + q.query.length > doStmt.end) continue;
    cursor = found + q.query.length;
    let raws: RawStatement[];
    try {
      raws = parseSql(q.query);
    } catch (e) {
      if (e instanceof ParserCrash) throw e;
      problems.push(problemAt(e as ParseError, q.query, found, file, doStmt.chunk, true));
      continue;
    }
    const doBlock = { start: doStmt.start, guarded: q.guarded, handledConditions: q.handledConditions };
    for (const stmt of located(raws, q.query, found, file, () => doStmt.chunk)) into.push({ ...stmt, index: into.length, doBlock });
  }
}

/**
 * drizzle-kit's idempotency wrapper, `DO $$ BEGIN <statements>; EXCEPTION WHEN <condition> THEN
 * null; END $$`, exactly. Its body is plain SQL, so it is parsed as such: the PL/pgSQL parser costs a
 * fifth of a lint run, and 85% of the DO blocks in real drizzle projects are this wrapper.
 */
const DRIZZLE_GUARD = /^DO\s+\$\$\s*BEGIN\b([\s\S]*;)\s*EXCEPTION\s+WHEN\s+([a-z_]+)\s+THEN\s+null\s*;\s*END\s*;?\s*\$\$$/di;

/**
 * Statement kinds that mean the same in PL/pgSQL as in SQL (no PL/pgSQL statement starts with their
 * keyword, and none takes an INTO target).
 */
const PLAIN_DDL = new Set<string>([
  'AlterTableStmt', 'CreateEnumStmt', 'AlterEnumStmt', 'RenameStmt', 'IndexStmt', 'CreateStmt', 'CreateSchemaStmt',
  'DropStmt', 'CreatePolicyStmt', 'GrantStmt', 'CreateRoleStmt', 'CommentStmt',
]);

/** Expands the wrapper's body when the DO statement is exactly it; false to take the PL/pgSQL path. */
function expandDrizzleGuard(doStmt: Statement, into: Statement[]): boolean {
  const m = DRIZZLE_GUARD.exec(doStmt.text);
  // The condition is matched in lower case only: PL/pgSQL lower-cases it, and so the result is the same.
  if (!m || m[2] !== m[2].toLowerCase()) return false;
  const body = m[1];
  let raws: RawStatement[];
  try {
    raws = parseSql(body);
  } catch (e) {
    if (e instanceof ParserCrash) throw e;
    return false; // the PL/pgSQL path reports it
  }
  const statements = located(raws, body, doStmt.start + m.indices![1][0], doStmt.file, () => doStmt.chunk);
  if (!statements.length || statements.length !== raws.length || statements.some((s) => !PLAIN_DDL.has(s.kind))) return false;
  const doBlock = { start: doStmt.start, guarded: true, handledConditions: [m[2]] };
  for (const stmt of statements) into.push({ ...stmt, index: into.length, doBlock });
  return true;
}

/** Places parsed statements of `text` (which starts at `base` in the file) in the file. */
function located(raws: RawStatement[], text: string, base: number, file: SourceFile, chunkOf: (start: number) => number): Statement[] {
  const toChar = byteToCharOffsets(text);
  const out: Statement[] = [];
  for (const r of raws) {
    const kind = kindOf(r.node);
    if (!kind) continue;
    const relStart = toChar(r.byteStart);
    const relEnd = r.byteLength === undefined ? text.length : toChar(r.byteStart + r.byteLength);
    const start = base + skipTrivia(text, relStart, relEnd);
    const end = base + trimEnd(text, relStart, relEnd);
    out.push({
      index: 0,
      kind,
      node: r.node,
      text: file.text.slice(start, end),
      start,
      end,
      location: file.location(start, end),
      file,
      chunk: chunkOf(start),
      // AST node locations are byte offsets into `text`.
      locate: (b) => (b === undefined || b < 0 ? file.location(start, end) : file.location(base + toChar(b), end)),
    });
  }
  return out;
}

function problemAt(err: ParseError, text: string, base: number, file: SourceFile, chunk: number, inDoBody: boolean): SyntaxProblem {
  const rel = err.codePointOffset === undefined ? skipTrivia(text, 0) : codePointToCharOffset(text, err.codePointOffset);
  const at = base + rel;
  return { message: err.message, location: file.location(at, at), chunk, inDoBody };
}

/** True when the text holds only whitespace, comments and semicolons. */
function isBlank(text: string): boolean {
  let i = 0;
  for (;;) {
    i = skipTrivia(text, i);
    if (text[i] !== ';') return i >= text.length;
    i++;
  }
}
