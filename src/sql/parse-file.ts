import { kindOf, nodeAs } from './ast.js';
import { parseSql, plpgsqlQueries, ParseError, type RawStatement } from './parser.js';
import { byteToCharOffsets, codePointToCharOffset, SourceFile, type Location } from './source-file.js';
import { skipTrivia, splitOnBreakpoints, trimEnd } from './split-breakpoints.js';
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
  /** Chunks (between breakpoints) that hold more than one top-level statement. */
  chunkStatementCounts: number[];
}

/** Splits a migration on drizzle's breakpoints and parses every chunk with the Postgres parser. */
export function parseMigration(path: string, raw: string): ParsedFile {
  const file = new SourceFile(path, raw);
  const statements: Statement[] = [];
  const problems: SyntaxProblem[] = [];
  const chunkStatementCounts: number[] = [];
  splitOnBreakpoints(file.text).forEach((chunk, chunkIndex) => {
    let raws: RawStatement[];
    // The parser rejects text with no statement; Postgres itself runs it as an empty query.
    if (isBlank(chunk.text)) {
      chunkStatementCounts.push(0);
      return;
    }
    try {
      raws = parseSql(chunk.text);
    } catch (e) {
      problems.push(problemAt(e as ParseError, chunk.text, chunk.start, file, chunkIndex, false));
      chunkStatementCounts.push(0);
      return;
    }
    chunkStatementCounts.push(raws.length);
    for (const stmt of located(raws, chunk.text, chunk.start, file, chunkIndex)) {
      statements.push({ ...stmt, index: statements.length });
      if (stmt.kind === 'DoStmt') expandDoBlock(statements[statements.length - 1], statements, problems);
    }
  });
  return { file, statements, problems, chunkStatementCounts };
}

/** Adds the SQL statements inside a `DO $$ … $$` body as statements of their own, located in the file. */
function expandDoBlock(doStmt: Statement, into: Statement[], problems: SyntaxProblem[]): void {
  const lang = nodeAs(doStmt.node, 'DoStmt')?.args?.map((a) => nodeAs(a, 'DefElem')).find((d) => d?.defname === 'language');
  const langName = nodeAs(lang?.arg, 'String')?.sval;
  if (langName && langName.toLowerCase() !== 'plpgsql') return;
  const { file } = doStmt;
  let queries;
  try {
    queries = plpgsqlQueries(doStmt.text);
  } catch (e) {
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
      problems.push(problemAt(e as ParseError, q.query, found, file, doStmt.chunk, true));
      continue;
    }
    const doBlock = { start: doStmt.start, guarded: q.guarded, handledConditions: q.handledConditions };
    for (const stmt of located(raws, q.query, found, file, doStmt.chunk)) into.push({ ...stmt, index: into.length, doBlock });
  }
}

/** Places parsed statements of `text` (which starts at `base` in the file) in the file. */
function located(raws: RawStatement[], text: string, base: number, file: SourceFile, chunk: number): Statement[] {
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
      chunk,
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
