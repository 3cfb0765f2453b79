/** An axis value as a user would write it in a spec: "768x1536", "4", a list joined by ";". */
export function showValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(showValue).join(';');
  if (v && typeof v === 'object' && 'width' in v && 'height' in v) return `${(v as { width: number }).width}x${(v as { height: number }).height}`;
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * An axis value as JSON output carries it: numbers and booleans keep their type (`"llm.wbits": 4`,
 * not `"4"`), a string stays a string, anything else (images, lists, objects) is shown as in CSV.
 */
export function jsonValue(v: unknown): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return showValue(v);
}
