/**
 * Estimate: one what-if, end to end, as stages that each declare the inputs they read (so a
 * sweep's memo recomputes only what an axis feeds; cache.ts):
 *
 *   tiling  (tiling-stage.ts)  each image cut by the model's policy
 *   vision  (vision-stage.ts)  patch embedding, ViT, compression and projector of the encoder inputs
 *   llm     (llm-stage.ts)     prefill (with pruning), first token, decode, KV cache
 *   memory  (below)            weights, KV and activations per phase against usable memory
 *
 *   TTFT = request overhead + preprocess + vision encode + projector + prefill + first token (the
 *          LM head over the prompt's last position: the first decode step's logits)
 *   e2e  = TTFT + decode steps for the remaining output tokens
 */
import type { DeviceProfile, ModelConfig, Scenario, VisionEncoder } from '../schema/index.js';
import type { Estimate } from '../types.js';
import type { TileResult } from '../tiling/index.js';
import { predictQuality, qualityConfig, type QualityEvidence, type MeasuredScore } from '../quality.js';
import type { QualityPrior } from '../quality-priors.js';
import { vitTokens } from '../cost/operators.js';
import { phaseMemory, prefillActivationBytes, weightBytes } from '../cost/memory.js';
import { energyFigures } from './energy-stage.js';
import { residentQuant } from '../cost/dequant.js';
import { ScenarioError } from '../errors.js';
import { runStage, type EstimateCache } from './cache.js';
import { tilingStage } from './tiling-stage.js';
import { visionStage, type EncoderGroup } from './vision-stage.js';
import { llmStage } from './llm-stage.js';
import { unitCtx } from './unit.js';

export { newEstimateCache, type EstimateCache } from './cache.js';
export { precisionOf } from '../quant/bits.js';

const GB = 1e9;

export type EstimateOptions = {
  /** Extra assumption lines (defaults used, provenance of estimated numbers). */
  assumptions?: string[];
  /** Memo of stage results shared across calls (sweeps): stages whose inputs repeat are not recomputed. */
  cache?: EstimateCache;
  /** Quality evidence of the model (and the user's own measured scores): adds `quality` to the estimate. */
  quality?: { evidence?: QualityEvidence; measured?: MeasuredScore[]; priors?: readonly QualityPrior[] };
};

/** Encoder inputs of the same pixel size, across tiles and images: they batch together. */
function encoderGroups(v: VisionEncoder, tiles: TileResult[]): { groups: EncoderGroup[]; pixels: number; vitTokens: number; images: number } {
  const bySize = new Map<string, EncoderGroup>();
  let pixels = 0;
  let tokens = 0;
  let images = 0;
  for (const t of tiles) {
    for (const inp of t.encoder_inputs) {
      const key = `${inp.w}x${inp.h}`;
      const g = bySize.get(key) ?? { w: inp.w, h: inp.h, tokens: vitTokens(v, inp.w, inp.h), count: 0 };
      g.count += inp.count;
      bySize.set(key, g);
      pixels += inp.w * inp.h * inp.count;
      tokens += g.tokens * inp.count;
      images += inp.count;
    }
  }
  return { groups: [...bySize.values()], pixels, vitTokens: tokens, images };
}

/**
 * Image tokens the LLM keeps after pruning: SCM keeps what Mini-Monkey's own arithmetic says (its
 * tiler reports it); other policies, and keep_ratio pruning, keep a share of all image tokens.
 */
function keptImageTokens(s: Scenario, tiles: TileResult[], imageTokens: number): number {
  if (!s.pruning || imageTokens === 0) return imageTokens;
  const scmKept = tiles.every((t) => typeof t.extra.tokens_with_scm === 'number') ? tiles.reduce((a, t) => a + (t.extra.tokens_with_scm as number), 0) : undefined;
  return s.pruning.method === 'scm' && scmKept !== undefined ? scmKept : Math.round(imageTokens * s.pruning.keep_ratio);
}

export function estimate(device: DeviceProfile, model: ModelConfig, s: Scenario, opts: EstimateOptions = {}): Estimate {
  const cache = opts.cache;
  const llm = model.llm;
  const v = model.vision;
  const llmCtx = unitCtx(device, s.placement.llm);
  // The LLM's weights as its unit holds them: expanded once at load where it has no fused kernel (cost/dequant.ts).
  const llmQ = residentQuant(llmCtx.unit, s.quant.llm);
  const embQ = residentQuant(llmCtx.unit, s.quant.embeddings);

  // ---- tiling
  const tiles = v ? runStage(cache, tilingStage, { policy: s.tiling.policy, params: s.tiling.params, images: s.images }) : [];
  const imageTokens = tiles.reduce((a, t) => a + t.tokens, 0);
  const inputs = v ? encoderGroups(v, tiles) : { groups: [], pixels: 0, vitTokens: 0, images: 0 };
  const text = s.input_tokens !== undefined ? s.input_tokens - imageTokens : s.prompt_tokens;
  if (text < 0) {
    throw new ScenarioError('input_tokens', `${s.input_tokens} input tokens cannot hold the ${imageTokens} image tokens this image set makes`);
  }
  const total = text + imageTokens;
  if (total + s.output_tokens > llm.max_context) {
    throw new ScenarioError('output_tokens', `${total} input + ${s.output_tokens} output tokens exceed ${model.id}'s context of ${llm.max_context}`);
  }

  // ---- preprocess, vision encode, compression + projector
  const preprocess = inputs.pixels * device.preprocess_per_pixel;
  const { enc, projector, projFlops, vitAct } = runStage(cache, visionStage, {
    device,
    model,
    vit: s.quant.vit,
    projector: s.quant.projector,
    vitBatch: s.vit_batch,
    placement: s.placement,
    pipeline: s.pipeline_patch_embed,
    groups: inputs.groups,
  });

  // ---- prefill (with optional token pruning inside the LLM), first token, decode
  // Several sampled answers share the prompt's cache; each keeps its own output tokens.
  // An engine that allocates its configured context up front holds that much, or more when the request needs it.
  const kvCapacity = s.kv_capacity ?? Math.max(s.kv_context ?? 0, total + s.samples * s.output_tokens);
  if (kvCapacity < total + s.output_tokens) {
    throw new ScenarioError('kv_capacity', `a KV cache of ${kvCapacity} tokens cannot hold ${total} input + ${s.output_tokens} output tokens`);
  }
  const kept = keptImageTokens(s, tiles, imageTokens);
  const { prefill, prefillFlops, prefillWeightReads, kvBytesTotal, decodeTotal, first, last, firstToken, decodeFlops } = runStage(cache, llmStage, {
    device,
    model,
    llm: llmQ,
    embeddings: embQ,
    kvBits: s.quant.kv_bits,
    chunk: s.chunk,
    unit: s.placement.llm,
    text,
    image: imageTokens,
    kept,
    output: s.output_tokens,
    samples: s.samples,
    kvCapacity,
    span: s.kv_context !== undefined ? kvCapacity : undefined,
    pruning: s.pruning,
  });

  // ---- memory
  const w = weightBytes(model, llmQ === s.quant.llm && embQ === s.quant.embeddings ? s : { ...s, quant: { ...s.quant, llm: llmQ, embeddings: embQ } });
  const act = {
    encode: vitAct,
    prefill: prefillActivationBytes(llm, s.quant.llm, s.chunk, Math.min(kvCapacity, total)),
    decode: prefillActivationBytes(llm, s.quant.llm, s.samples, kvCapacity),
  };
  const mem = phaseMemory(device, w, kvBytesTotal, act, s);
  const peakPhase = (Object.keys(mem) as Array<keyof typeof mem>).reduce((a, b) => (mem[b] > mem[a] ? b : a));
  const peak = mem[peakPhase];
  const wTotal = w.vit + w.projector + w.llm + w.embeddings;
  const usable = device.memory.usable;

  const requestOverhead = llmCtx.unit.request_overhead;
  const ttftDecoupled = requestOverhead + projector + prefill + firstToken;
  // Decoupled encoding (the image is encoded while the user types) takes the encode off the TTFT.
  const ttft = s.decoupled_encode ? ttftDecoupled : preprocess + enc.total + ttftDecoupled;
  const e2e = requestOverhead + preprocess + enc.total + projector + prefill + firstToken + decodeTotal;
  const first0 = tiles[0];
  const decodeTokS = decodeTotal > 0 ? ((s.output_tokens - 1) * s.samples) / decodeTotal : s.samples / first;
  const decoded = (s.output_tokens - 1) * s.samples;
  const encoderCalls = inputs.groups.reduce((a, g) => a + Math.ceil(g.count / s.vit_batch), 0);
  // Each decode step reads the LLM's weights and head and the KV cache so far (half the answer on average).
  const kvPerToken = kvCapacity > 0 ? kvBytesTotal / kvCapacity : 0;
  const energy = energyFigures(device, s, {
    encodeSeconds: enc.total + projector,
    prefillSeconds: prefill + firstToken,
    decodeSeconds: decodeTotal,
    otherSeconds: requestOverhead + preprocess,
    encodeBytes: w.vit * encoderCalls + w.projector,
    prefillBytes: prefillWeightReads,
    decodeBytes: decoded * (w.llm + w.embeddings + kvPerToken * (total + s.output_tokens / 2)),
    decodedTokens: decoded,
    ttft,
    decodeTokS,
  });
  return {
    device: device.id,
    model: model.id,
    tiles: {
      count: inputs.images,
      grid: first0 ? [first0.cols, first0.rows] : [0, 0],
      thumbnail: first0 ? first0.thumbnail : false,
      per_image: tiles.map((t) => ({ width: t.width, height: t.height, cols: t.cols, rows: t.rows, tiles: t.tiles, thumbnail: t.thumbnail, tokens: t.tokens })),
      policy: s.tiling.policy,
    },
    tokens: { image: imageTokens, text, total, image_kept: kept, vit: inputs.vitTokens },
    latency_s: {
      request_overhead: requestOverhead,
      preprocess,
      patch_embed: enc.patchEmbed,
      vision_encode: enc.total,
      projector,
      prefill,
      first_token: firstToken,
      ttft,
      ttft_decoupled: ttftDecoupled,
      decode_total: decodeTotal,
      e2e,
    },
    decode_tok_s: { mean: decodeTokS, first: s.samples / first, last: s.samples / last },
    prefill_tok_s: total / (prefill + firstToken),
    memory_gb: {
      weights: wTotal / GB,
      weights_by_component: { vit: w.vit / GB, projector: w.projector / GB, llm: w.llm / GB, embeddings: w.embeddings / GB },
      streamed_weights: w.streamed / GB,
      kv_cache: kvBytesTotal / GB,
      activations: act[peakPhase] / GB,
      runtime: device.runtime_overhead / GB,
      peak: peak / GB,
      peak_phase: peakPhase,
      by_phase: { encode: mem.encode / GB, prefill: mem.prefill / GB, decode: mem.decode / GB },
      usable: usable / GB,
    },
    fits: peak <= usable,
    miss_gb: Math.max(0, peak - usable) / GB,
    flops: { vision: enc.flops + projFlops, prefill: prefillFlops, decode_per_token: decodeFlops },
    prefill_weight_reads: prefillWeightReads,
    units: { ...s.placement },
    ...energy,
    assumptions: opts.assumptions ?? [],
    ...(opts.quality && (opts.quality.evidence || opts.quality.measured?.length) ? { quality: predictQuality(opts.quality.evidence, qualityConfig(s), opts.quality.measured, opts.quality.priors) } : {}),
  };
}
