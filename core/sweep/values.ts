/** An axis value as a user would write it in a spec: "768x1536", "4", a list joined by ";". */
export function showValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(showValue).join(';');
  if (v && typeof v === 'object' && 'width' in v && 'height' in v) return `${(v as { width: number }).width}x${(v as { height: number }).height}`;
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
