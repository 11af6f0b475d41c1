/**
 * Text that came from a migration (identifiers, paths, parser messages) can hold any character: a
 * quoted identifier may contain a newline followed by `::error …`, which a GitHub job log would run
 * as a workflow command, and ESC sequences or bidirectional overrides can rewrite what a terminal
 * shows. Human-readable reports print these as visible escapes instead.
 *
 * Escaped: C0 controls but tab (tabs keep code frames aligned), DEL, C1 controls, the Unicode line
 * and paragraph separators, and the bidirectional embedding, override and isolate controls.
 */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function neutralizeControls(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
