/** A unified diff (3 lines of context) of two texts, as `git diff` prints it. */
export function unifiedDiff(oldPath: string, newPath: string, before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const header = `--- ${before === '' ? '/dev/null' : `a/${oldPath}`}\n+++ b/${newPath}\n`;
  const CONTEXT = 3;
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend while changes are within 2×CONTEXT of each other.
    for (let k = i; k < ops.length; k++) {
      if (ops[k].op !== ' ') end = k;
      else if (k - end > 2 * CONTEXT) break;
    }
    end = Math.min(ops.length - 1, end + CONTEXT);
    const slice = ops.slice(start, end + 1);
    const oldStart = ops[start].a + 1;
    const newStart = ops[start].b + 1;
    const oldCount = slice.filter((o) => o.op !== '+').length;
    const newCount = slice.filter((o) => o.op !== '-').length;
    hunks.push(`@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newCount ? newStart : newStart - 1},${newCount} @@\n` + slice.map((o) => `${o.op}${o.text}\n`).join(''));
    i = end + 1;
    start = i;
  }
  return hunks.length ? header + hunks.join('') : '';
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Op {
  op: ' ' | '-' | '+';
  text: string;
  /** Index in the old / new lines of this line (or where it would be). */
  a: number;
  b: number;
}

/** Longest-common-subsequence line diff; common prefix and suffix are stripped first (migrations are small). */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = A[i] === B[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ op: ' ', text: a[k], a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      ops.push({ op: ' ', text: A[i], a: pre + i, b: pre + j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // Removed lines first, as git prints them.
      ops.push({ op: '-', text: A[i], a: pre + i, b: pre + j });
      i++;
    } else {
      ops.push({ op: '+', text: B[j], a: pre + i, b: pre + j });
      j++;
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ op: ' ', text: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}
