/**
 * Near-miss names: the candidate closest to a mistyped name by edit distance (ignoring case and
 * punctuation), if it is close enough to be a typo ("dimensity9300" -> "dimensity-9300").
 */
/**
 * The closest candidate by edit distance, if it is close enough to be a typo; failing that, the
 * one candidate the word contains or is contained in ("usable_memory" -> "usable").
 */
export function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const w = norm(word);
  for (const c of candidates) {
    const d = editDistance(norm(word), norm(c));
    if (d < bestD) [best, bestD] = [c, d];
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3))) return best;
  const containing = candidates.filter((c) => {
    const n = norm(c);
    return n.length >= 3 && w.length >= 3 && (w.includes(n) || n.includes(w));
  });
  return containing.length === 1 ? containing[0] : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

