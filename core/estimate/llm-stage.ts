/**
 * LLM stage: prefill of the prompt (with token pruning when asked; cost/pruning.ts), the first
 * token from the LM head over the prompt's last position, the decode steps of the answer, the KV
 * cache, and the FLOPs of a decode step. Reads the device, the LLM, its quantization, the KV bits,
 * the chunk, the LLM's unit and the token counts; nothing about the image beyond its token count.
 */
import type { ComponentQuant, DeviceProfile, ModelConfig, UnitKind } from '../schema/index.js';
import { lmHeadTime } from '../cost/prefill.js';
import { sumDecodeSteps } from '../cost/decode.js';
import { llmPhases, prunedLlmPhases, type Pruning } from '../cost/pruning.js';
import { llmLayerOps, lmHeadOp, totalOps } from '../cost/operators.js';
import { kvBytes, precisionOf } from '../quant/bits.js';
import { objId, type Stage } from './cache.js';
import { qKey } from './vision-stage.js';
import { unitCtx } from './unit.js';

export type LlmInput = {
  device: DeviceProfile;
  model: ModelConfig;
  llm: ComponentQuant;
  embeddings: ComponentQuant;
  kvBits: number;
  chunk: number;
  unit: UnitKind;
  /** Prompt tokens: text and image (before pruning), and the image tokens kept after it. */
  text: number;
  image: number;
  kept: number;
  output: number;
  samples: number;
  kvCapacity: number;
  /**
   * Positions every call attends over on a fixed-shape graph whose KV cache is allocated for a
   * configured context (Genie's AR-128/AR-1 graphs over a 4096-position cache): undefined when
   * attention spans only what is cached.
   */
  span?: number;
  pruning?: Pruning;
};

export type LlmResult = {
  prefill: number;
  prefillFlops: number;
  prefillWeightReads: number;
  kvBytesTotal: number;
  decodeTotal: number;
  first: number;
  last: number;
  firstToken: number;
  decodeFlops: number;
};

export const llmStage: Stage<LlmInput, LlmResult> = {
  name: 'llm',
  key: (c, i) =>
    `${objId(c, i.device)}:${objId(c, i.model)}|${qKey(i.llm)}|${qKey(i.embeddings)}|${i.kvBits}|${i.chunk}|${i.unit}|${i.text},${i.image},${i.kept}|${i.output}|${i.samples}|${i.kvCapacity}|${i.span ?? ''}|${i.pruning ? `${i.pruning.method},${i.pruning.layer},${i.pruning.keep_ratio}` : ''}`,
  run: (i) => {
    const llm = i.model.llm;
    const ctx = unitCtx(i.device, i.unit);
    const pLlm = precisionOf(i.llm);
    const pEmb = precisionOf(i.embeddings);
    const kvb = kvBytes(i.kvBits);
    const total = i.text + i.image;
    const phaseInputs = { llm, total, keptTotal: i.text + i.kept, chunk: i.chunk, ctx, p: pLlm, pHead: pEmb, kvBits: i.kvBits, kvElemBytes: kvb, samples: i.samples, kvCapacity: i.kvCapacity, span: ctx.unit.graph === 'static' ? i.span : undefined };
    const phases = i.pruning && i.image > 0 ? prunedLlmPhases(phaseInputs, i.pruning) : llmPhases(phaseInputs);
    // The first output token comes from the LM head over the prompt's last position; each later
    // token needs a decode step over a cache that grows by one each step, starting with the
    // whole prompt cached.
    const firstToken = lmHeadTime(llm, 1, ctx, pEmb);
    const steps = i.output - 1;
    const dec = steps > 0 ? sumDecodeSteps(phases.decodeStep, total, steps) : undefined;
    const one = dec ? 0 : phases.decodeStep(total);
    const stepOps = [...llmLayerOps(llm, i.samples, total, pLlm, kvb), lmHeadOp(llm, i.samples, pEmb)];
    return {
      prefill: phases.prefill.time,
      prefillFlops: phases.prefill.flops,
      prefillWeightReads: phases.prefill.weightBytes,
      kvBytesTotal: phases.kvBytes,
      decodeTotal: dec ? dec.total : 0,
      first: dec ? dec.first : one,
      last: dec ? dec.last : one,
      firstToken,
      decodeFlops: totalOps(stepOps) / i.samples,
    };
  },
};
