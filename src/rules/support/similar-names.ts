/** Words too common in column and table names to suggest that two names mean the same thing. */
const GENERIC = new Set(['id', 'ids', 'uuid', 'at', 'is', 'by', 'of', 'the', 'to', 'on', 'in', 'for', 'new', 'old', 'type', 'name', 'data']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !GENERIC.has(w));
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Names that could be the same thing renamed: equal up to case and separators (authorId →
 * author_id), one containing the other, or sharing a meaningful word (user_profiles → parent_profiles).
 */
export function similarNames(a: string, b: string): boolean {
  const sa = squash(a);
  const sb = squash(b);
  if (sa.length >= 3 && sb.length >= 3 && (sa.includes(sb) || sb.includes(sa))) return true;
  const wb = new Set(words(b));
  return words(a).some((w) => wb.has(w));
}
