/**
 * Estimate: one what-if, end to end. Tiles each image with the model's policy, encodes the tiles
 * on the ViT unit (with CPU patch embedding, batching and pipelining), runs compression and the
 * projector, prefills text + image tokens in chunks, decodes the answer, and accounts memory per
 * phase against the device's usable memory.
 *
 *   TTFT = preprocess + vision encode + projector + prefill + first token (the LM head over the
 *          prompt's last position: the first decode step's logits)
 *   e2e  = TTFT + decode steps for the remaining output tokens
 */
import type { DeviceProfile, ModelConfig, Scenario, ComponentQuant } from './schema/index.js';
import type { Estimate } from './types.js';
import { tile, maxTilesParam, type TileResult } from './tiling/index.js';
import { predictQuality, type QualityEvidence, type MeasuredScore, type QualityConfig } from './quality.js';
import { bytesPerWeight, activationBytes, kvBytes } from './quant.js';
import { vitTokens, llmLayerOps, lmHeadOp, totalOps, type OpPrecision } from './operators.js';
import { compressionOps } from './compression.js';
import { attainableBandwidth, callTime } from './roofline.js';
import { decodeStepTime, encodeTime, lmHeadTime, prefillTime, sumDecodeSteps, type UnitCtx } from './phases.js';
import { kvCacheBytes, phaseMemory, prefillActivationBytes, vitActivationBytes, weightBytes } from './memory.js';
import { ScenarioError } from './errors.js';

const GB = 1e9;

export function precisionOf(q: ComponentQuant): OpPrecision {
  return { weightBytes: bytesPerWeight(q), wbits: q.wbits, abits: q.abits, actBytes: activationBytes(q) };
}

function unitCtx(device: DeviceProfile, kind: keyof DeviceProfile['units']): UnitCtx {
  const unit = device.units[kind];
  if (!unit) throw new ScenarioError('placement', `device '${device.id}' has no ${kind} unit`);
  return { unit, bandwidth: attainableBandwidth(device, unit) };
}

export type EstimateOptions = {
  /** Extra assumption lines (defaults used, provenance of estimated numbers). */
  assumptions?: string[];
  /** Memo of stage results shared across calls (sweeps): stages whose inputs repeat are not recomputed. */
  cache?: EstimateCache;
  /** Quality evidence of the model (and the user's own measured scores): adds `quality` to the estimate. */
  quality?: { evidence?: QualityEvidence; measured?: MeasuredScore[] };
};

/** The factors the quality rule reads from a scenario. */
export function qualityConfig(s: Scenario): QualityConfig {
  const capKey = maxTilesParam(s.tiling.policy);
  const cap = capKey !== undefined ? s.tiling.params[capKey] : undefined;
  return { wbits: s.quant.llm.wbits, max_tiles: typeof cap === 'number' ? cap : null, keep_ratio: s.pruning?.keep_ratio ?? 1, policy: s.tiling.policy };
}

/**
 * Stage results keyed by exactly the inputs each stage reads: tiling (policy, params, images),
 * vision (device, model, vision quant, batch, placement, tiles) and LLM (device, model, LLM quant,
 * KV bits, chunk, tokens, pruning, output). A sweep varying one axis recomputes only the stages
 * that axis feeds. Bounded: each map is cleared past `limit` entries.
 */
export type EstimateCache = { maps: Map<string, Map<string, unknown>>; ids: WeakMap<object, number>; keys: WeakMap<object, string>; next: number; limit: number };

export function newEstimateCache(limit = 20_000): EstimateCache {
  return { maps: new Map(), ids: new WeakMap(), keys: new WeakMap(), next: 0, limit };
}

function objId(c: EstimateCache, o: object): number {
  let id = c.ids.get(o);
  if (id === undefined) c.ids.set(o, (id = ++c.next));
  return id;
}

function memo<T>(c: EstimateCache | undefined, stage: string, key: () => string, compute: () => T): T {
  if (!c) return compute();
  let m = c.maps.get(stage);
  if (!m) c.maps.set(stage, (m = new Map()));
  const k = key();
  const hit = m.get(k);
  if (hit !== undefined) return hit as T;
  const v = compute();
  if (m.size >= c.limit) m.clear();
  m.set(k, v);
  return v;
}

/** A string key for an object, computed once per object (sweeps share params and image lists). */
function objKey<T extends object>(c: EstimateCache, o: T, make: (o: T) => string): string {
  let k = c.keys.get(o);
  if (k === undefined) c.keys.set(o, (k = make(o)));
  return k;
}

const imagesText = (ims: Array<{ width: number; height: number }>) => ims.map((i) => `${i.width}x${i.height}`).join(',');

const qKey = (q: ComponentQuant) => `${q.wbits},${q.abits},${q.group_size},${q.scale_bytes}`;

export function estimate(device: DeviceProfile, model: ModelConfig, s: Scenario, opts: EstimateOptions = {}): Estimate {
  const cache = opts.cache;
  let dmk: string | undefined;
  const dm = () => (dmk ??= cache ? `${objId(cache, device)}:${objId(cache, model)}` : '');
  const llm = model.llm;
  const v = model.vision;
  const pLlm = precisionOf(s.quant.llm);
  const pEmb = precisionOf(s.quant.embeddings);
  const pVit = precisionOf(s.quant.vit);
  const pProj = precisionOf(s.quant.projector);
  const kvb = kvBytes(s.quant.kv_bits);
  const llmCtx = unitCtx(device, s.placement.llm);

  // ---- tiling
  let tk: string | undefined;
  const tilesKey = () => (tk ??= `${model.vision ? 1 : 0}|${s.tiling.policy}|${cache ? objKey(cache, s.tiling.params, JSON.stringify) : ''}|${cache ? objKey(cache, s.images, imagesText) : ''}`);
  const tiles: TileResult[] = v ? memo(cache, 'tiles', tilesKey, () => s.images.map((im) => tile(s.tiling.policy, s.tiling.params, im.width, im.height))) : [];
  const imageTokens = tiles.reduce((a, t) => a + t.tokens, 0);
  // Encoder inputs of the same pixel size batch together (across images too).
  const bySize = new Map<string, { w: number; h: number; tokens: number; count: number }>();
  let preprocessPixels = 0;
  let vitTokenTotal = 0;
  let encoderImages = 0;
  for (const t of tiles) {
    for (const inp of t.encoder_inputs) {
      const key = `${inp.w}x${inp.h}`;
      const g = bySize.get(key) ?? { w: inp.w, h: inp.h, tokens: vitTokens(v!, inp.w, inp.h), count: 0 };
      g.count += inp.count;
      bySize.set(key, g);
      preprocessPixels += inp.w * inp.h * inp.count;
      vitTokenTotal += g.tokens * inp.count;
      encoderImages += inp.count;
    }
  }
  const text = s.input_tokens !== undefined ? s.input_tokens - imageTokens : s.prompt_tokens;
  if (text < 0) {
    throw new ScenarioError('input_tokens', `${s.input_tokens} input tokens cannot hold the ${imageTokens} image tokens this image set makes`);
  }
  const total = text + imageTokens;
  if (total + s.output_tokens > llm.max_context) {
    throw new ScenarioError('output_tokens', `${total} input + ${s.output_tokens} output tokens exceed ${model.id}'s context of ${llm.max_context}`);
  }

  // ---- preprocess, vision encode, compression + projector
  const preprocess = preprocessPixels * device.preprocess_per_pixel;
  const vision = memo(
    cache,
    'vision',
    () => `${dm()}|${qKey(s.quant.vit)}|${qKey(s.quant.projector)}|${s.vit_batch}|${s.placement.patch_embed},${s.placement.vit},${s.placement.projector}|${s.pipeline_patch_embed}|${tilesKey()}`,
    () => {
      let enc = { total: 0, patchEmbed: 0, vit: 0, calls: [] as number[], flops: 0 };
      let projector = 0;
      let projFlops = 0;
      let vitAct = 0;
      if (v) {
        const groupList = [...bySize.values()];
        enc = encodeTime(v, groupList, s.vit_batch, unitCtx(device, s.placement.patch_embed), unitCtx(device, s.placement.vit), precisionOf({ ...s.quant.vit, wbits: 16, abits: 16 }), pVit, s.pipeline_patch_embed);
        const projCtx = unitCtx(device, s.placement.projector);
        const ops = compressionOps(model, groupList, pProj);
        for (const { tokens: t, count } of groupList) vitAct = Math.max(vitAct, vitActivationBytes(model, s, Math.min(s.vit_batch, count), t));
        projector = ops.length ? callTime(ops, projCtx.unit, projCtx.bandwidth) : 0;
        for (const op of ops) projFlops += op.ops * op.calls;
      }
      return { enc, projector, projFlops, vitAct };
    },
  );
  const { enc, projector, projFlops, vitAct } = vision;

  // ---- prefill (with optional token pruning inside the LLM)
  // Several sampled answers share the prompt's cache; each keeps its own output tokens.
  const kvCapacity = s.kv_capacity ?? total + s.samples * s.output_tokens;
  if (kvCapacity < total + s.output_tokens) {
    throw new ScenarioError('kv_capacity', `a KV cache of ${kvCapacity} tokens cannot hold ${total} input + ${s.output_tokens} output tokens`);
  }
  const llmStage = memo(
    cache,
    'llm',
    () => `${dm()}|${qKey(s.quant.llm)}|${qKey(s.quant.embeddings)}|${s.quant.kv_bits}|${s.chunk}|${s.placement.llm}|${text},${imageTokens}|${s.output_tokens}|${s.samples}|${kvCapacity}|${s.pruning ? `${s.pruning.method},${s.pruning.layer},${s.pruning.keep_ratio}` : ''}|${s.pruning?.method === 'scm' ? tilesKey() : ''}`,
    () => {
      let kept = imageTokens;
      let prefill: number;
      let prefillFlops: number;
      let prefillWeightReads: number;
      let decodeStep: (k: number) => number;
      let kvBytesTotal: number;
      if (s.pruning && imageTokens > 0) {
        const pr = s.pruning;
        const layer = Math.min(pr.layer, llm.layers);
        // SCM keeps a share of the detailed layer's tokens only (Mini-Monkey's own arithmetic, reported
        // by its tiler); other policies, and keep_ratio pruning, keep a share of all image tokens.
        const scmKept = tiles.every((t) => typeof t.extra.tokens_with_scm === 'number') ? tiles.reduce((a, t) => a + (t.extra.tokens_with_scm as number), 0) : undefined;
        kept = pr.method === 'scm' && scmKept !== undefined ? scmKept : Math.round(imageTokens * pr.keep_ratio);
        const keptTotal = text + kept;
        const head = { ...llm, layers: layer };
        // SCM restarts generation on the compressed embeddings: all layers run again on the kept
        // tokens. keep_ratio (FastV-style) continues with the remaining layers only.
        const rest = { ...llm, layers: pr.method === 'scm' ? llm.layers : llm.layers - layer };
        const none = { time: 0, flops: 0, weightBytes: 0, chunks: 0, spillBytes: 0 };
        const a = head.layers > 0 ? prefillTime(head, total, s.chunk, llmCtx, pLlm, kvb) : none;
        const b = rest.layers > 0 ? prefillTime(rest, keptTotal, s.chunk, llmCtx, pLlm, kvb) : none;
        prefill = a.time + b.time;
        prefillFlops = a.flops + b.flops;
        prefillWeightReads = a.weightBytes + b.weightBytes;
        if (pr.method === 'scm') {
          decodeStep = (k) => decodeStepTime(llm, k - total + keptTotal, llmCtx, pLlm, pEmb, kvb, s.samples);
          kvBytesTotal = kvCacheBytes(llm, s.quant.kv_bits, kvCapacity - total + keptTotal);
        } else {
          // Both slices run in one call: their per-call overhead and LM head are counted once.
          decodeStep = (k) =>
            decodeStepTime(head, k, llmCtx, pLlm, pEmb, kvb, s.samples) + decodeStepTime(rest, k - total + keptTotal, llmCtx, pLlm, pEmb, kvb, s.samples) - llmCtx.unit.call_overhead - lmHeadTime(llm, s.samples, llmCtx, pEmb);
          kvBytesTotal = kvCacheBytes(llm, s.quant.kv_bits, kvCapacity, { layer, laterTokens: kvCapacity - total + keptTotal });
        }
      } else {
        const r = prefillTime(llm, total, s.chunk, llmCtx, pLlm, kvb);
        prefill = r.time;
        prefillFlops = r.flops;
        prefillWeightReads = r.weightBytes;
        decodeStep = (k) => decodeStepTime(llm, k, llmCtx, pLlm, pEmb, kvb, s.samples);
        kvBytesTotal = kvCacheBytes(llm, s.quant.kv_bits, kvCapacity);
      }
      // The first output token comes from the LM head over the prompt's last position (only that
      // position's logits are needed); each later token needs a decode step over a cache that
      // grows by one each step.
      const firstToken = lmHeadTime(llm, 1, llmCtx, pEmb);
      const steps = s.output_tokens - 1;
      // The first decode step feeds the first output token with the whole prompt cached.
      const dec = steps > 0 ? sumDecodeSteps(decodeStep, total, steps) : undefined;
      const one = dec ? 0 : decodeStep(total);
      const decodeTotal = dec ? dec.total : 0;
      const first = dec ? dec.first : one;
      const last = dec ? dec.last : one;


      const stepOps = [...llmLayerOps(llm, s.samples, total, pLlm, kvb), lmHeadOp(llm, s.samples, pEmb)];
      const decodeFlops = totalOps(stepOps) / s.samples;
      return { kept, prefill, prefillFlops, prefillWeightReads, kvBytesTotal, decodeTotal, first, last, firstToken, decodeFlops };
    },
  );
  const { kept, prefill, prefillFlops, prefillWeightReads, kvBytesTotal, decodeTotal, first, last, firstToken, decodeFlops } = llmStage;

  // ---- memory
  const w = weightBytes(model, s);
  const act = {
    encode: vitAct,
    prefill: prefillActivationBytes(llm, s, s.chunk, Math.min(kvCapacity, total)),
    decode: prefillActivationBytes(llm, s, s.samples, kvCapacity),
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
  return {
    device: device.id,
    model: model.id,
    tiles: {
      count: encoderImages,
      grid: first0 ? [first0.cols, first0.rows] : [0, 0],
      thumbnail: first0 ? first0.thumbnail : false,
      per_image: tiles.map((t) => ({ width: t.width, height: t.height, cols: t.cols, rows: t.rows, tiles: t.tiles, thumbnail: t.thumbnail, tokens: t.tokens })),
      policy: s.tiling.policy,
    },
    tokens: { image: imageTokens, text, total, image_kept: kept, vit: vitTokenTotal },
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
    decode_tok_s: { mean: decodeTotal > 0 ? ((s.output_tokens - 1) * s.samples) / decodeTotal : s.samples / first, first: s.samples / first, last: s.samples / last },
    prefill_tok_s: total / (prefill + firstToken),
    memory_gb: {
      weights: wTotal / GB,
      weights_by_component: { vit: w.vit / GB, projector: w.projector / GB, llm: w.llm / GB, embeddings: w.embeddings / GB },
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
    assumptions: opts.assumptions ?? [],
    ...(opts.quality && (opts.quality.evidence || opts.quality.measured?.length) ? { quality: predictQuality(opts.quality.evidence, qualityConfig(s), opts.quality.measured) } : {}),
  };
}
