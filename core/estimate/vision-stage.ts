/**
 * Vision stage: the encoder inputs of the request (grouped by pixel size) through patch embedding,
 * the ViT (batched, optionally pipelined against the CPU patch embedding; cost/encode.ts), token
 * compression and the projector; and the peak activations of one ViT call. Reads the device's
 * units, the model's vision side, the vision and projector quantization, the batch, the placement
 * and the encoder inputs; nothing about the prompt or the LLM.
 */
import type { ComponentQuant, DeviceProfile, ModelConfig, Placement } from '../schema/index.js';
import { encodeTime, type EncodeResult } from '../cost/encode.js';
import { compressionOps } from '../cost/compression.js';
import { callTime } from '../cost/roofline.js';
import { vitActivationBytes } from '../cost/memory.js';
import { precisionOf } from '../quant/bits.js';
import { objId, type Stage } from './cache.js';
import { encodeUnitCtx, unitCtx } from './unit.js';

/** Encoder inputs of one pixel size: `count` images of `tokens` ViT tokens each. */
export type EncoderGroup = { w: number; h: number; tokens: number; count: number };

export type VisionInput = {
  device: DeviceProfile;
  model: ModelConfig;
  vit: ComponentQuant;
  projector: ComponentQuant;
  vitBatch: number;
  placement: Placement;
  pipeline: boolean;
  groups: EncoderGroup[];
};

export type VisionResult = { enc: EncodeResult; projector: number; projFlops: number; vitAct: number };

export const qKey = (q: ComponentQuant) => `${q.wbits},${q.abits},${q.group_size},${q.scale_bytes},${q.bpw ?? ''}`;
const groupsKey = (gs: EncoderGroup[]) => gs.map((g) => `${g.w}x${g.h}x${g.count}`).join(',');

export const visionStage: Stage<VisionInput, VisionResult> = {
  name: 'vision',
  key: (c, i) =>
    `${objId(c, i.device)}:${objId(c, i.model)}|${qKey(i.vit)}|${qKey(i.projector)}|${i.vitBatch}|${i.placement.patch_embed},${i.placement.vit},${i.placement.projector}|${i.pipeline}|${groupsKey(i.groups)}`,
  run: (i) => {
    const v = i.model.vision;
    if (!v) return { enc: { total: 0, patchEmbed: 0, vit: 0, calls: [], flops: 0 }, projector: 0, projFlops: 0, vitAct: 0 };
    const pProj = precisionOf(i.projector);
    // The patch embedding (a Conv2D) runs at 16 bits whatever the ViT's weights.
    const enc = encodeTime(v, i.groups, i.vitBatch, encodeUnitCtx(i.device, i.placement.patch_embed), encodeUnitCtx(i.device, i.placement.vit), precisionOf({ ...i.vit, wbits: 16, abits: 16 }), precisionOf(i.vit), i.pipeline);
    const projCtx = unitCtx(i.device, i.placement.projector);
    const ops = compressionOps(i.model, i.groups, pProj);
    let vitAct = 0;
    for (const { tokens: t, count } of i.groups) vitAct = Math.max(vitAct, vitActivationBytes(i.model, i.vit, Math.min(i.vitBatch, count), t));
    const projector = ops.length ? callTime(ops, projCtx.unit, projCtx.bandwidth) : 0;
    let projFlops = 0;
    for (const op of ops) projFlops += op.ops * op.calls;
    return { enc, projector, projFlops, vitAct };
  },
};
