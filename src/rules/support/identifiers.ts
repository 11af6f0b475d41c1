/** Postgres's NAMEDATALEN - 1: longer identifiers are cut to this many bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

export function identifierBytes(name: string): number {
  return Buffer.byteLength(name, 'utf8');
}

/** The name Postgres actually stores: cut to 63 bytes without splitting a UTF-8 character. */
export function truncateIdentifier(name: string): string {
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
