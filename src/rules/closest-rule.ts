import { idsForSquawkName, RULES } from './index.js';

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The rule id a mistyped one most likely meant (a few letters off, or a squawk rule name), for a
 * "did you mean" in the error; undefined when nothing is close.
 */
export function closestRuleId(id: string): string | undefined {
  const wanted = id.toLowerCase();
  const bySquawk = idsForSquawkName(wanted)[0];
  if (bySquawk) return bySquawk;
  let best: { id: string; d: number } | undefined;
  for (const r of RULES) {
    const d = distance(wanted, r.id);
    if (!best || d < best.d) best = { id: r.id, d };
  }
  return best && best.d <= Math.max(2, Math.floor(wanted.length / 5)) ? best.id : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(id: string): string {
  const close = closestRuleId(id);
  return close ? `; did you mean "${close}"?` : '';
}
