import { describe, expect, it } from 'vitest';
import { llmLayerOps, lmHeadOp, patchEmbedOps, vitLayerOps, totalOps, type OpPrecision } from './operators.js';
import type { LlmConfig, VitEncoder } from '../schema/index.js';

// A tiny config small enough to check every count by hand.
const llm: LlmConfig = { name: 'tiny', layers: 1, hidden: 8, heads: 2, kv_heads: 1, intermediate: 16, vocab: 10, mlp: 'gated', tied_embeddings: false, max_context: 64 };
const vit: VitEncoder = { name: 'tiny-vit', image_size: 4, patch_size: 2, layers: 1, hidden: 8, heads: 2, intermediate: 16, mlp: 'plain', cls_token: false };
const p: OpPrecision = { weightBytes: 0.5, wbits: 4, abits: 16, actBytes: 2 };

const byName = (ops: ReturnType<typeof llmLayerOps>) => Object.fromEntries(ops.map((o) => [o.name, o]));

describe('LLM layer operators (n = 3 new tokens after k = 5 cached; d 8, h 2, g 1, e 4, f 16, gated)', () => {
  const ops = byName(llmLayerOps(llm, 3, 5, p, 1));
  it('counts linear ops as 2·n·weights', () => {
    expect(ops['llm.qkv'].ops).toBe(2 * 3 * 8 * (2 + 2) * 4); // 768
    expect(ops['llm.o'].ops).toBe(2 * 3 * 8 * 8); // 384
    expect(ops['llm.mlp_up'].ops).toBe(2 * 3 * 8 * 32); // gate + up: 1536
    expect(ops['llm.mlp_down'].ops).toBe(2 * 3 * 16 * 8); // 768
  });
  it('counts causal attention as 4·n·(k + (n+1)/2)·h·e', () => {
    expect(ops['llm.attention'].ops).toBe(4 * 3 * (5 + 2) * 2 * 4); // 672
  });
  it('reads the whole cache plus the new entries and writes the new ones', () => {
    // read (5+3)·2·1·4·1 B = 64, write 3·2·1·4·1 B = 24
    expect(ops['llm.attention'].kvBytes).toBe(88);
  });
  it('reads each weight once per call at its stored bytes', () => {
    expect(ops['llm.qkv'].weightBytes).toBe(8 * 16 * 0.5);
    expect(ops['llm.mlp_up'].weightBytes).toBe(8 * 32 * 0.5);
  });
  it('LM head: 2·rows·d·vocab', () => {
    expect(lmHeadOp(llm, 1, p).ops).toBe(2 * 8 * 10);
  });
});

describe('ViT operators (t = 4 tokens per image, batch 2, dv 8, fv 16)', () => {
  const ops = vitLayerOps(vit, 2, 4, p);
  it('linear ops 2·t·(4·dv² + 2·dv·fv) per image, attention 4·t²·dv per image', () => {
    const linear = ops.filter((o) => o.kind === 'matmul').reduce((s, o) => s + o.ops * o.calls, 0);
    expect(linear).toBe(2 * (2 * 4 * (4 * 64 + 2 * 8 * 16)));
    expect(ops.find((o) => o.kind === 'attention')!.ops).toBe(2 * 4 * 16 * 8);
  });
  it('a batch reads the weights once', () => {
    const w1 = vitLayerOps(vit, 1, 4, p).reduce((s, o) => s + o.weightBytes, 0);
    const w2 = ops.reduce((s, o) => s + o.weightBytes, 0);
    expect(w2).toBe(w1);
  });
  it('patch embedding 2·t·3·p²·dv', () => {
    expect(patchEmbedOps(vit, 1, 4, p)[0].ops).toBe(2 * 4 * 12 * 8);
  });
  it('totalOps sums over calls', () => {
    const ops2 = vitLayerOps({ ...vit, layers: 3 }, 1, 4, p);
    expect(totalOps(ops2)).toBe(3 * totalOps(vitLayerOps(vit, 1, 4, p)));
  });
});
