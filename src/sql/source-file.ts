/** A migration file's text with fast offset → line/column lookup. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like editors and ESLint do. */
  column: number;
}

export interface Location extends Position {
  endLine: number;
  endColumn: number;
}

export class SourceFile {
  /** Text without a leading UTF-8 BOM; every offset below indexes into it. */
  readonly text: string;
  private readonly lineStarts: number[];

  constructor(
    readonly path: string,
    raw: string,
  ) {
    this.text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  location(start: number, end: number): Location {
    const s = this.position(start);
    const e = this.position(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  /** String offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    const start = this.lineStarts[Math.min(Math.max(line, 1), this.lineStarts.length) - 1];
    return Math.min(start + column - 1, this.text.length);
  }

  /** The text of a 1-based line without its line break (a trailing CR is dropped too). */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/**
 * libpg-query reports UTF-8 byte offsets; JavaScript strings index UTF-16 code units.
 * Returns a converter from byte offsets in `text` to string offsets in `text`.
 */
export function byteToCharOffsets(text: string): (byteOffset: number) => number {
  // Pure ASCII (the usual case) needs no table.
  if (!/[^\x00-\x7f]/.test(text)) return (b) => Math.min(Math.max(b, 0), text.length);
  const charAtByte: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) charAtByte.push(i);
    if (code >= 0x10000) i++; // surrogate pair: two code units, four bytes
  }
  const total = charAtByte.length;
  return (b) => (b <= 0 ? 0 : b >= total ? text.length : charAtByte[b]);
}

/** String offset (UTF-16 code units) of the code point with the given 0-based index in `text`. */
export function codePointToCharOffset(text: string, codePoint: number): number {
  let i = 0;
  for (let n = 0; n < codePoint && i < text.length; n++) i += text.codePointAt(i)! >= 0x10000 ? 2 : 1;
  return Math.min(i, text.length);
}
