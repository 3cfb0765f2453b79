/**
 * A score-versus-factor curve read at one value: piecewise linear between its points (in the
 * factor's own scale: log for tiles, tokens and keep ratios), and pessimistic outside them: below
 * the points it keeps losing at the first segment's rate (never gaining), above them it stays flat,
 * so it never promises a gain the evidence does not show. Shared by a model's own evidence
 * (quality.ts) and the published ablations it borrows from (quality-priors.ts).
 */
export type CurvePoint = { x: number; y: number; source: string };

/** The curve at t (points sorted by x), whether t lies within them, and the points used. */
export function readCurve(pts: readonly CurvePoint[], t: number): { y: number; inside: boolean; used: string[] } {
  if (pts.length === 1) return { y: pts[0].y, inside: t === pts[0].x, used: [pts[0].source] };
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (t < first.x) {
    // Fewer resources than any evidence: keep losing at the first segment's rate, never gain.
    const slope = (pts[1].y - first.y) / (pts[1].x - first.x);
    return { y: slope > 0 ? first.y - slope * (first.x - t) : first.y, inside: false, used: [first.source, pts[1].source] };
  }
  if (t > last.x) return { y: last.y, inside: false, used: [last.source] };
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    if (t >= a.x && t <= b.x) {
      if (t === a.x) return { y: a.y, inside: true, used: [a.source] };
      if (t === b.x) return { y: b.y, inside: true, used: [b.source] };
      return { y: a.y + ((b.y - a.y) * (t - a.x)) / (b.x - a.x), inside: true, used: [a.source, b.source] };
    }
  }
  return { y: last.y, inside: false, used: [last.source] };
}
