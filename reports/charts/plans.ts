/**
 * Which plans the per-plan bar charts (latency, memory) show and how each is named on the axis.
 * Both charts use the same selection and order so a bar in one lines up with the bar in the other.
 */
import type { PlanBreakdown, ReportData } from '../types.js';

/** Short names of the common sweep axes; anything else is shown as "name=value". */
const ABBREV: Record<string, string> = {
  'llm.wbits': 'w',
  kv_bits: 'kv',
  'tiling.max_tiles': 'tiles',
  chunk: 'c',
  vit_batch: 'b',
  'vit.wbits': 'vw',
  prompt_tokens: 'p',
  output_tokens: 'o',
  'tiling.policy': '',
  images: '',
};

/** "w4 kv8 tiles9 c128 b4" from a plan's axis values, in the axes' order. */
export function planLabel(config: Record<string, string>): string {
  return Object.entries(config)
    .map(([path, value]) => (path in ABBREV ? `${ABBREV[path]}${value}` : `${path.split('.').pop()}=${value}`))
    .join(' ');
}

/** What the abbreviations in the plans' labels stand for: "w = llm.wbits, kv = kv_bits". */
export function planKey(plans: PlanBreakdown[]): string {
  const paths = [...new Set(plans.flatMap((p) => Object.keys(p.config)))].filter((k) => ABBREV[k]);
  return paths.map((k) => `${ABBREV[k]} = ${k}`).join(', ');
}

/** The axis label of a plan in a bar chart, marking the recommended one. */
export function barLabel(plan: PlanBreakdown, data: ReportData): string {
  const label = planLabel(plan.config) || `plan ${plan.index}`;
  return plan.index === data.chosen.index ? `${label} (chosen)` : label;
}

/**
 * Up to `n` plans of the front (plus the chosen plan if it is not on it), ordered by peak memory so
 * the bars read as the front's trade-off. A longer front is thinned evenly along that order,
 * always keeping the chosen plan.
 */
export function selectPlans(data: ReportData, n = 8): PlanBreakdown[] {
  const all = data.front.some((p) => p.index === data.chosen.index) ? [...data.front] : [...data.front, data.chosen];
  all.sort((a, b) => a.memory_gb.peak - b.memory_gb.peak || a.latency_s.ttft - b.latency_s.ttft);
  const k = Math.max(1, Math.floor(n));
  if (all.length <= k) return all;
  const at = Array.from({ length: k }, (_, i) => (k === 1 ? 0 : Math.round((i * (all.length - 1)) / (k - 1))));
  const chosenAt = all.findIndex((p) => p.index === data.chosen.index);
  if (!at.includes(chosenAt)) {
    // Replace the pick nearest to the chosen plan: the order stays sorted and spacing stays even.
    const nearest = at.reduce((best, v, i) => (Math.abs(v - chosenAt) < Math.abs(at[best] - chosenAt) ? i : best), 0);
    at[nearest] = chosenAt;
  }
  return at.map((i) => all[i]);
}
