/** Postgres's NAMEDATALEN - 1: longer identifiers are cut to this many bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

export function identifierBytes(name: string): number {
  return Buffer.byteLength(name, 'utf8');
}

/** The name Postgres actually stores: cut to 63 bytes without splitting a UTF-8 character. */
function truncateIdentifier(name: string): string {
  if (identifierBytes(name) <= MAX_IDENTIFIER_BYTES) return name;
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const n = identifierBytes(ch);
    if (bytes + n > MAX_IDENTIFIER_BYTES) break;
    out += ch;
    bytes += n;
  }
  return out;
}

const QUOTED = /"((?:[^"]|"")+)"/g;
const UNQUOTED = /(?<![\w$"\u0080-\uffff])[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/g;

/**
 * The parser already cuts identifiers to 63 bytes, so the AST only ever holds the stored name: the
 * full one has to come from the SQL text. Maps each stored (cut) name to the longer names written.
 */
export function longIdentifiers(sql: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (full: string) => {
    if (identifierBytes(full) <= MAX_IDENTIFIER_BYTES) return;
    const stored = truncateIdentifier(full);
    const list = out.get(stored) ?? [];
    if (!list.includes(full)) list.push(full);
    out.set(stored, list);
  };
  const withoutQuoted = sql.replace(QUOTED, (_, body: string) => {
    add(body.replace(/""/g, '"'));
    return ' ';
  });
  // Unquoted identifiers fold ASCII letters to lower case before they are cut.
  for (const m of withoutQuoted.replace(/'(?:[^']|'')*'/g, ' ').matchAll(UNQUOTED)) add(m[0].replace(/[A-Z]/g, (c) => c.toLowerCase()));
  return out;
}
