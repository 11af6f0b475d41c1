/** drizzle-kit separates statements with this marker; its migrator splits on the exact string. */
export const BREAKPOINT = '--> statement-breakpoint';

export interface Chunk {
  text: string;
  /** String offset of the chunk in the file text. */
  start: number;
}

export function splitOnBreakpoints(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = text.indexOf(BREAKPOINT); i !== -1; i = text.indexOf(BREAKPOINT, start)) {
    chunks.push({ text: text.slice(start, i), start });
    start = i + BREAKPOINT.length;
  }
  chunks.push({ text: text.slice(start), start });
  return chunks;
}

/** Offset of the first character that is not whitespace or part of a comment, from `from`. */
export function skipTrivia(text: string, from: number, to = text.length): number {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') i++;
    else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? to : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      // Postgres block comments nest. An unterminated one is not trivia: the parser rejects it.
      let depth = 1;
      let j = i + 2;
      while (j < to && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') (depth++, (j += 2));
        else if (text[j] === '*' && text[j + 1] === '/') (depth--, (j += 2));
        else j++;
      }
      if (depth > 0) break;
      i = j;
    } else break;
  }
  return Math.min(i, to);
}

/** End offset after dropping trailing whitespace and semicolons. */
export function trimEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /[\s;]/.test(text[e - 1])) e--;
  return e;
}
