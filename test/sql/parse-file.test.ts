import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseMigration, walkAst, type Statement } from '../../src/sql/index.js';

beforeAll(() => loadParser());

const parse = (text: string) => parseMigration('drizzle/0001_test.sql', text);

/** [line, column, endLine, endColumn] of each statement, in order. */
const spans = (statements: Statement[]) => statements.map((s) => [s.location.line, s.location.column, s.location.endLine, s.location.endColumn]);

/** File position of the first AST node of the given kind inside a statement. */
function nodeAt(stmt: Statement, kind: string): [number, number] {
  let loc: number | undefined;
  walkAst(stmt.node, (k, body) => {
    if (loc === undefined && k === kind && typeof body.location === 'number') loc = body.location;
  });
  if (loc === undefined) throw new Error(`no ${kind} in ${stmt.text}`);
  const l = stmt.locate(loc);
  return [l.line, l.column];
}

const DRIZZLE_FK_WRAPPER = [
  'DO $$ BEGIN',
  ' ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;',
  'EXCEPTION',
  ' WHEN duplicate_object THEN null;',
  'END $$;',
].join('\n');

describe('breakpoints', () => {
  it('splits on a breakpoint directly after ";" on the same line and on its own line', () => {
    const p = parse('CREATE TABLE "a" ("id" int);--> statement-breakpoint\nCREATE TABLE "b" ("id" int);\n--> statement-breakpoint\nDROP TABLE "c";\n');
    expect(p.problems).toEqual([]);
    expect(p.statements.map((s) => [s.kind, s.chunk, s.text])).toEqual([
      ['CreateStmt', 0, 'CREATE TABLE "a" ("id" int)'],
      ['CreateStmt', 1, 'CREATE TABLE "b" ("id" int)'],
      ['DropStmt', 2, 'DROP TABLE "c"'],
    ]);
    expect(spans(p.statements)).toEqual([
      [1, 1, 1, 28],
      [2, 1, 2, 28],
      [4, 1, 4, 15],
    ]);
    expect(p.chunkStatementCounts).toEqual([1, 1, 1]);
  });

  it('accepts empty chunks (nothing, whitespace, comments, a lone semicolon) without a problem', () => {
    const p = parse('--> statement-breakpoint\nSELECT 1;\n--> statement-breakpoint\n   \n--> statement-breakpoint\n-- only a comment\n/* and a block */ ;\n--> statement-breakpoint\nSELECT 2;--> statement-breakpoint\n');
    expect(p.problems).toEqual([]);
    expect(p.chunkStatementCounts).toEqual([0, 1, 0, 0, 1, 0]);
    expect(spans(p.statements)).toEqual([
      [2, 1, 2, 9],
      [9, 1, 9, 9],
    ]);
  });

  it('counts several statements in one chunk and places each', () => {
    const p = parse('SELECT 1; -- trailing comment\n  /* lead */ SELECT 22;\n');
    expect(p.chunkStatementCounts).toEqual([2]);
    expect(spans(p.statements)).toEqual([
      [1, 1, 1, 9],
      [2, 14, 2, 23],
    ]);
  });
});

describe('exact spans', () => {
  it('is right with CRLF line ends, for statements and AST nodes', () => {
    const p = parse('CREATE TABLE "a" ("id" int);\r\n--> statement-breakpoint\r\n\r\nALTER TABLE "a" ADD COLUMN "b" int;\r\n');
    expect(spans(p.statements)).toEqual([
      [1, 1, 1, 28],
      [4, 1, 4, 35],
    ]);
    expect(nodeAt(p.statements[1], 'ColumnDef')).toEqual([4, 28]);
    expect(p.file.lineText(4)).toBe('ALTER TABLE "a" ADD COLUMN "b" int;');
  });

  it('does not count a UTF-8 BOM as a column', () => {
    const p = parse('\uFEFFALTER TABLE "a" ADD COLUMN "b" int;\n--> statement-breakpoint\nDROP TABLE "a";');
    expect(spans(p.statements)).toEqual([
      [1, 1, 1, 35],
      [3, 1, 3, 15],
    ]);
    expect(nodeAt(p.statements[0], 'ColumnDef')).toEqual([1, 28]);
  });

  it('converts UTF-8 byte offsets with 2-, 3- and 4-byte characters in comments before the statement', () => {
    // é is 2 bytes, 日 3 bytes, 😀 4 bytes (two UTF-16 code units).
    const p = parse('-- é 日 😀 comment\n/* é日😀 */ ALTER TABLE "a" ADD COLUMN "b" int;');
    // Columns count UTF-16 code units, as editors do: "/* é日😀 */ " is 11 units.
    expect(spans(p.statements)).toEqual([[2, 12, 2, 46]]);
    expect(nodeAt(p.statements[0], 'ColumnDef')).toEqual([2, 39]);
  });

  it('converts offsets after non-ASCII string literals on the same line and inside the statement', () => {
    const p = parse(`INSERT INTO "t" VALUES ('é日😀'); ALTER TABLE "tä" ADD COLUMN "ü" int;\nSELECT '😀😀';`);
    // "INSERT INTO "t" VALUES ('" is 25 units, é日😀 4, "');" 3, a space: ALTER starts at column 34.
    expect(spans(p.statements)).toEqual([
      [1, 1, 1, 32],
      [1, 34, 1, 69],
      [2, 1, 2, 14],
    ]);
    // The node comes after "tä", so its byte offset is one more than its string offset.
    expect(nodeAt(p.statements[1], 'ColumnDef')).toEqual([1, 62]);
    expect(p.statements[1].text).toBe('ALTER TABLE "tä" ADD COLUMN "ü" int');
  });
});

describe('DO $$ … $$ bodies', () => {
  it("expands drizzle-kit's old FK wrapper into a statement of its own, with its own line and column", () => {
    const p = parse(`CREATE TABLE "posts" ("id" int, "author_id" int);\n--> statement-breakpoint\n${DRIZZLE_FK_WRAPPER}\n`);
    expect(p.problems).toEqual([]);
    expect(p.statements.map((s) => s.kind)).toEqual(['CreateStmt', 'DoStmt', 'AlterTableStmt']);
    const [, doStmt, fk] = p.statements;
    expect(spans([doStmt])).toEqual([[3, 1, 7, 7]]);
    expect(spans([fk])).toEqual([[4, 2, 4, 166]]);
    expect(fk.text.startsWith('ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY')).toBe(true);
    expect(fk.doBlock).toEqual({ start: doStmt.start, guarded: true, handledConditions: ['duplicate_object'] });
    expect(fk.chunk).toBe(1);
    expect(fk.index).toBe(2);
    // The constraint node inside the body points into the file too.
    expect(nodeAt(fk, 'Constraint')).toEqual([4, 26]);
  });

  it('places DO-body statements after CRLF and non-ASCII text, and several per body', () => {
    const text =
      '-- ünïcödé 日本 😀\r\nDO $$ BEGIN\r\n CREATE TYPE "public"."role" AS ENUM(\'ädmin\', \'😀\');\r\n CREATE INDEX "i" ON "t" ("c");\r\nEXCEPTION\r\n WHEN duplicate_object THEN null;\r\nEND $$;\r\n';
    const p = parse(text);
    expect(p.problems).toEqual([]);
    expect(p.statements.map((s) => s.kind)).toEqual(['DoStmt', 'CreateEnumStmt', 'IndexStmt']);
    expect(spans(p.statements)).toEqual([
      [2, 1, 7, 7],
      [3, 2, 3, 52],
      [4, 2, 4, 31],
    ]);
    expect(p.statements[2].doBlock?.guarded).toBe(true);
  });

  it('marks an unguarded DO body statement as not guarded', () => {
    const p = parse('DO $$\nBEGIN\n  DROP TABLE "old";\nEND\n$$;');
    expect(p.statements.map((s) => s.kind)).toEqual(['DoStmt', 'DropStmt']);
    expect(spans(p.statements.slice(1))).toEqual([[3, 3, 3, 19]]);
    expect(p.statements[1].doBlock).toEqual({ start: 0, guarded: false, handledConditions: [] });
  });

  it('does not expand DO blocks in another language', () => {
    const p = parse("DO LANGUAGE plv8 $$ plv8.execute('DROP TABLE x') $$;");
    expect(p.statements.map((s) => s.kind)).toEqual(['DoStmt']);
    expect(p.problems).toEqual([]);
  });
});

describe('parse failures', () => {
  it("reports a rejected chunk at the parser's position and still parses the rest of the file", () => {
    const p = parse(
      'ALTER TABLE "a" ADD COLUMN "b" int;\n--> statement-breakpoint\n-- é日😀 before the error\nALTER TABLE "a" ADD COLUMN "c" inn t;\n--> statement-breakpoint\nALTER TABLE "a" ADD COLUMN "d" int;',
    );
    expect(p.problems).toEqual([
      { message: 'syntax error at or near "t"', location: { line: 4, column: 36, endLine: 4, endColumn: 36 }, chunk: 1, inDoBody: false },
    ]);
    expect(p.statements.map((s) => s.text)).toEqual(['ALTER TABLE "a" ADD COLUMN "b" int', 'ALTER TABLE "a" ADD COLUMN "d" int']);
    expect(spans(p.statements)).toEqual([
      [1, 1, 1, 35],
      [6, 1, 6, 35],
    ]);
    expect(p.chunkStatementCounts).toEqual([1, 0, 1]);
  });

  it('counts the error cursor in characters, not bytes (4-byte character before it on the line)', () => {
    const p = parse("SELECT '😀é'; SELEC 1;");
    // "SELECT '😀é'; " is 14 UTF-16 units (12 code points, 17 bytes).
    expect(p.problems.map((x) => [x.location.line, x.location.column, x.message])).toEqual([[1, 15, 'syntax error at or near "SELEC"']]);
  });

  it('reports an unterminated comment and string at their start', () => {
    expect(parse('SELECT 1;\n--> statement-breakpoint\n\n  /* never closed\nSELECT 2;').problems.map((x) => [x.location.line, x.location.column, x.chunk])).toEqual([
      [4, 3, 1],
    ]);
    expect(parse("SELECT 'é\n").problems[0].location).toMatchObject({ line: 1, column: 8 });
  });

  it('reports a DO body the PL/pgSQL parser rejects at the DO statement, and goes on', () => {
    const p = parse('SELECT 1;\n--> statement-breakpoint\nDO $$ BEGIN\n SELEC 1;\nEND $$;\n--> statement-breakpoint\nSELECT 2;');
    expect(p.problems.map((x) => [x.location.line, x.location.column, x.inDoBody, x.message])).toEqual([[3, 1, true, 'syntax error at or near "SELEC"']]);
    expect(p.statements.map((s) => s.kind)).toEqual(['SelectStmt', 'DoStmt', 'SelectStmt']);
  });
});
