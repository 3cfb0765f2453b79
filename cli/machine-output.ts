/**
 * Machine output: the JSON and CSV that scripts read, in the shapes core/schema/output.ts declares.
 * Numbers lose their binary noise (0.003981312000000001 -> 0.003981312) but keep 15 significant
 * digits, so a figure agrees with the one computed to 5e-15 (the report's what-if panel is checked
 * against `estimate --json` to 1e-12).
 */
import type { Estimate } from '../core/types.js';
import type { Scenario } from '../core/schema/index.js';
import { OUTPUT_SCHEMA_VERSION } from '../core/schema/output.js';
import { csv } from './output.js';

/** A number as machine output carries it: 15 significant digits, binary noise gone. */
export const precise = (x: number): number => (Number.isFinite(x) && !Number.isInteger(x) ? Number(x.toPrecision(15)) : x);

/** A JSON replacer that applies `precise` to every number. */
export function noNoise(_key: string, v: unknown): unknown {
  return typeof v === 'number' ? precise(v) : v;
}

export const machineJson = (v: unknown) => JSON.stringify(v, noNoise, 2) + '\n';

export type Plan = { engine?: string; scenario: Scenario };

/** `estimate --json`: the schema version and the plan as resolved, then the estimate. */
export function estimateObject(e: Estimate, plan: Plan): Record<string, unknown> {
  return { schema_version: OUTPUT_SCHEMA_VERSION, plan: { device: e.device, model: e.model, engine: plan.engine ?? null, scenario: plan.scenario }, ...e };
}

/**
 * `estimate --csv`: a fixed, documented column set, the same for every model and image count
 * (per-image tiles and the assumptions are in --json only). Headline quality is not here: its
 * benchmarks differ by model.
 */
export const ESTIMATE_CSV_COLUMNS = [
  'device', 'model', 'engine', 'llm_wbits', 'llm_abits', 'kv_bits', 'chunk', 'vit_batch', 'images',
  'tiles', 'tokens_image', 'tokens_text', 'tokens_total',
  'latency_s_preprocess', 'latency_s_vision_encode', 'latency_s_projector', 'latency_s_prefill', 'latency_s_first_token', 'latency_s_ttft', 'latency_s_decode_total', 'latency_s_e2e',
  'decode_tok_s_mean', 'prefill_tok_s',
  'memory_gb_weights', 'memory_gb_kv_cache', 'memory_gb_activations', 'memory_gb_runtime', 'memory_gb_peak', 'memory_gb_peak_phase', 'memory_gb_usable', 'fits',
] as const;

export function estimateCsv(e: Estimate, plan: Plan): string {
  const s = plan.scenario;
  const r = precise;
  const row: Record<(typeof ESTIMATE_CSV_COLUMNS)[number], string | number | boolean> = {
    device: e.device, model: e.model, engine: plan.engine ?? '', llm_wbits: s.quant.llm.wbits, llm_abits: s.quant.llm.abits, kv_bits: s.quant.kv_bits, chunk: s.chunk, vit_batch: s.vit_batch, images: e.tiles.per_image.length,
    tiles: e.tiles.count, tokens_image: e.tokens.image, tokens_text: e.tokens.text, tokens_total: e.tokens.total,
    latency_s_preprocess: r(e.latency_s.preprocess), latency_s_vision_encode: r(e.latency_s.vision_encode), latency_s_projector: r(e.latency_s.projector), latency_s_prefill: r(e.latency_s.prefill), latency_s_first_token: r(e.latency_s.first_token), latency_s_ttft: r(e.latency_s.ttft), latency_s_decode_total: r(e.latency_s.decode_total), latency_s_e2e: r(e.latency_s.e2e),
    decode_tok_s_mean: r(e.decode_tok_s.mean), prefill_tok_s: r(e.prefill_tok_s),
    memory_gb_weights: r(e.memory_gb.weights), memory_gb_kv_cache: r(e.memory_gb.kv_cache), memory_gb_activations: r(e.memory_gb.activations), memory_gb_runtime: r(e.memory_gb.runtime), memory_gb_peak: r(e.memory_gb.peak), memory_gb_peak_phase: e.memory_gb.peak_phase, memory_gb_usable: r(e.memory_gb.usable), fits: e.fits,
  };
  return csv([[...ESTIMATE_CSV_COLUMNS], ESTIMATE_CSV_COLUMNS.map((c) => row[c])]);
}
