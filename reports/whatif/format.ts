/** How the what-if panel shows an estimate field: rounded text (its data-value keeps every digit). */
export function formatField(field: string, x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (field.startsWith('latency_s.')) return `${x.toFixed(3)} s`;
  if (field.startsWith('decode_tok_s.') || field === 'prefill_tok_s') return `${x.toFixed(1)} tok/s`;
  if (field.startsWith('memory_gb.')) return `${x.toFixed(3)} GB`;
  if (field.startsWith('quality.')) return x.toFixed(1);
  return String(Math.round(x));
}
