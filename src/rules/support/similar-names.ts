function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Words that say nothing about which thing a column holds (`id` of `user_id`, `is` of `is_active`). */
const FUNCTION_WORDS = new Set(['id', 'ids', 'uuid', 'at', 'is', 'has', 'by', 'of', 'the', 'to', 'on', 'in', 'for', 'new', 'old']);

/** camelCase, PascalCase, SCREAMING parts and separators into lower-case words: customGitSSHKeyId → custom git ssh key id. */
function allWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** One word written two ways: singular/plural, a short form (desc/description; not post/poster), or a one-letter typo in a word of six letters or more (not state/stage). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long === `${short}s` || long === `${short}es` || (short.endsWith('y') && long === `${short.slice(0, -1)}ies`)) return true;
  if (short.length >= 3 && long.length - short.length >= 3 && long.startsWith(short)) return true;
  return short.length >= 6 && oneEditApart(short, long);
}

/** One insertion, deletion, substitution or swap of neighbours turns `a` into `b`. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  return s.slice(i) === l.slice(i + 1);
}

/**
 * Names (of columns, or of tables) that read as one thing renamed, not as two things: equal up to case and separators
 * (authorId → author_id), one name's words a run of the other's that names something (email →
 * email_address, active → is_active; not id → user_id), or the same words with one of them spelled
 * differently (org_id → organization_id, adress → address, tag → tags). Two names that share a word
 * but name different things (user_name / team_name, created_by / updated_by, billing_address /
 * shipping_address) are not: the word that differs is the one that says what the column holds.
 */
export function namesReadAsRename(a: string, b: string): boolean {
  if (squash(a) === squash(b)) return true;
  const wa = allWords(a);
  const wb = allWords(b);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length < long.length) {
    const named = short.some((w) => !FUNCTION_WORDS.has(w));
    return named && long.some((_, i) => short.every((w, j) => long[i + j] === w));
  }
  const differing = wa.flatMap((w, i) => (w === wb[i] ? [] : [i]));
  return differing.length === 1 && sameWord(wa[differing[0]], wb[differing[0]]);
}
