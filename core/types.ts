/**
 * Result types of the cost model. Field names of `Estimate` are a contract: `mmplan estimate
 * --json` prints them and scripts, sweeps and reports read them.
 */
import type { QualityPrediction } from './quality.js';
import type { Band } from './metrics.js';

export type Estimate = {
  device: string;
  model: string;
  tiles: {
    /** Images the vision encoder runs on: tiles + thumbnails / global views / slices, over all images. */
    count: number;
    /** [cols, rows] of the first image's grid (Qwen2-VL: its merged-token grid). */
    grid: [number, number];
    thumbnail: boolean;
    per_image: Array<{ width: number; height: number; cols: number; rows: number; tiles: number; thumbnail: boolean; tokens: number }>;
    policy: string;
  };
  tokens: {
    image: number;
    text: number;
    total: number;
    /** Image tokens the LLM keeps after pruning (equal to image without pruning). */
    image_kept: number;
    vit: number;
  };
  latency_s: {
    /** Fixed per-request cost of the engine (0 unless calibrated). */
    request_overhead: number;
    preprocess: number;
    patch_embed: number;
    vision_encode: number;
    projector: number;
    prefill: number;
    /** The LM head over the prompt's last position, which yields the first output token. */
    first_token: number;
    ttft: number;
    /** TTFT when image encoding is decoupled (done while the user types): prefill + first step. */
    ttft_decoupled: number;
    decode_total: number;
    e2e: number;
  };
  decode_tok_s: { mean: number; first: number; last: number };
  prefill_tok_s: number;
  memory_gb: {
    weights: number;
    weights_by_component: { vit: number; projector: number; llm: number; embeddings: number };
    /** Weights read from storage as needed and not resident (Gemma 3n's per-layer embeddings); not in `weights`. */
    streamed_weights: number;
    kv_cache: number;
    activations: number;
    runtime: number;
    peak: number;
    peak_phase: 'encode' | 'prefill' | 'decode';
    by_phase: { encode: number; prefill: number; decode: number };
    usable: number;
  };
  fits: boolean;
  /** How far the peak is over usable memory (0 when it fits). */
  miss_gb: number;
  flops: { vision: number; prefill: number; decode_per_token: number };
  /** Bytes read from DRAM: LLM weights over the whole prefill (grows with the number of chunks). */
  prefill_weight_reads: number;
  units: { patch_embed: string; vit: string; projector: string; llm: string };
  /** Energy of one request end to end, per output token and per phase (core/energy/). */
  energy_j: { query: number; per_output_token: number; by_phase: { encode: number; prefill: number; decode: number } };
  /** Average power of each phase and of the whole request. */
  power_w: { encode: number; prefill: number; decode: number; average: number };
  /** Battery one request and 100 requests use; null when the device has no battery (a board, a desktop). */
  battery_pct: { per_query: number; per_100_queries: number; battery_wh: number; basis: 'product' | 'class typical' } | null;
  /** Speed after `after_s` seconds of back-to-back requests under the device's thermal limit. */
  sustained: { after_s: number; throttle_at_s: number | null; /** Speed kept once throttled (1: never throttles). */ throttled_factor: number; decode_tok_s: number; ttft_s: number };
  assumptions: string[];
  /** Predicted benchmark scores with their basis and sources, when the model has quality evidence. */
  quality?: Record<string, QualityPrediction>;
  /**
   * Typical error of this kind of prediction: the median absolute percentage error of leave-one-out
   * validation for the matching engine (or all engines) per metric, when a calibration is in use.
   */
  uncertainty?: Partial<Record<Band, { median_abs_pct: number; /** 68% band (68th percentile of absolute errors). */ band_pct: number; n: number; basis: string }>>;
};
