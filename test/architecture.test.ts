/**
 * Architecture features of the cost model against hand calculations: sliding-window attention,
 * mixtures of experts, short convolutions, state-space layers, multi-head latent attention,
 * shared KV and per-layer embeddings (core/architecture.ts, cost/operators.ts, cost/memory.ts).
 * Models are built from the config.json fixtures through the importer, so the numbers below are
 * the checkpoints' own shapes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attendedKeys, llmLayerOps, type Op, type OpPrecision } from '../core/cost/operators.js';
import { kvCacheBytes } from '../core/cost/memory.js';
import { expertsTouched, layerCounts, layerKinds, stateBytes } from '../core/architecture.js';
import { llmParams } from '../core/params.js';
import { llmSchema, type LlmConfig } from '../core/schema/index.js';
import { Fields } from '../core/import/hf/fields.js';
import { importLlm } from '../core/import/hf/llm.js';
import { hfFixture, importedModel } from './fixtures/hf/index.js';
import { device, model, run } from './helpers.js';

/** 16-bit weights and activations: 2 bytes per weight, so weight bytes / 2 = weights read. */
const P16: OpPrecision = { weightBytes: 2, wbits: 16, abits: 16, actBytes: 2 };
const sum = (ops: readonly Op[], f: (o: Op) => number) => ops.reduce((s, o) => s + f(o) * o.calls, 0);
const byName = (ops: readonly Op[], name: string) => ops.find((o) => o.name === name)!;

/** The text model nested in a multimodal fixture (Gemma 3n's text_config). */
function nestedLlm(fixture: string, family: string): LlmConfig {
  const c = hfFixture(fixture) as { text_config: Record<string, unknown> };
  return llmSchema.parse(importLlm(new Fields(c.text_config, 'text_config.'), family, fixture));
}

describe('sliding-window attention', () => {
  it('keys attended: causal sum, capped at the window (brute force)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 2000 }), (n, k, w) => {
        let brute = 0;
        for (let i = 0; i < n; i++) brute += Math.min(w, k + i + 1);
        expect(attendedKeys(n, k, w)).toBe(brute);
        let full = 0;
        for (let i = 0; i < n; i++) full += k + i + 1;
        expect(attendedKeys(n, k)).toBe(full);
      }),
    );
  });

  it('Gemma 3 1B: 4 global and 22 local layers (every 6th global), window 512', () => {
    const l = importedModel('gemma-3-1b-it').llm;
    expect(layerKinds(l).map((k, i) => (k === 'global' ? i : -1)).filter((i) => i >= 0)).toEqual([5, 11, 17, 23]);
    expect(l.sliding_window).toBe(512);
    // 2 (K, V) x 1 KV head x 256 x 2 bytes = 1024 B per token and layer; local layers hold 512 tokens.
    expect(kvCacheBytes(l, 16, 4096)).toBe(4 * 4096 * 1024 + 22 * 512 * 1024);
    // Below the window every layer holds every token.
    expect(kvCacheBytes(l, 16, 300)).toBe(26 * 300 * 1024);
  });

  it('Gemma 3 1B decode at context 4000: local layers attend to 512 keys, global ones to 4001', () => {
    const l = importedModel('gemma-3-1b-it').llm;
    const ops = llmLayerOps(l, 1, 4000, P16, 2);
    const h = 4, e = 256;
    expect(byName(ops, 'llm.attention')).toMatchObject({ calls: 4, ops: 4 * h * e * 4001, kvBytes: 4001 * 1024 + 1024 });
    expect(byName(ops, 'llm.attention_local')).toMatchObject({ calls: 22, ops: 4 * h * e * 512, kvBytes: 512 * 1024 + 1024 });
  });
});

describe('mixture of experts', () => {
  it('experts touched by n tokens routing to k of E: E·(1 − (1 − k/E)^n)', () => {
    expect(expertsTouched(128, 8, 1)).toBe(8);
    expect(expertsTouched(128, 8, 2)).toBeCloseTo(15.5, 12); // 128·(1 − (15/16)²)
    expect(expertsTouched(128, 8, 512)).toBeGreaterThan(127.99);
  });

  it('Qwen3-30B-A3B: a decode step reads the routed experts only: 3.04B weights, the card\'s ~3.3B active less the 0.31B input embedding', () => {
    const l = importedModel('qwen3-30b-a3b').llm;
    const ops = llmLayerOps(l, 1, 0, P16, 2);
    const d = 2048;
    // Per layer: q/k/v/o 2048·32·128·2 + 2·2048·4·128, router 2048·128, 8 experts of 3·2048·768.
    const perLayer = 2 * d * 32 * 128 + 2 * d * 4 * 128 + d * 128 + 8 * 3 * d * 768;
    expect(sum(ops, (o) => o.weightBytes) / 2).toBe(48 * perLayer);
    expect(48 * perLayer + 151936 * d).toBe(3_041_656_832); // + LM head (untied)
    // All 30.5B stay resident.
    expect(llmParams(l).total / 1e9).toBeCloseTo(30.53, 2);
  });

  it('a prefill chunk reads the union of the experts its tokens touch, and does n·k expert rows of work', () => {
    const l = importedModel('qwen3-30b-a3b').llm;
    const up = (n: number) => byName(llmLayerOps(l, n, 0, P16, 2), 'llm.experts_up');
    const one = 2048 * 2 * 768; // one expert's gate+up weights
    expect(up(1).weightCount).toBe(8 * one);
    expect(up(2).weightCount).toBeCloseTo(15.5 * one, 3);
    expect(up(256).weightCount / one).toBeCloseTo(128, 3);
    // Arithmetic: every token through its 8 experts, however many distinct ones the chunk reads.
    expect(up(256).ops).toBeCloseTo(2 * 256 * 8 * one, 0);
  });

  it('DeepSeek-V2-Lite: the first layer is dense, the rest 64 routed + 2 shared experts', () => {
    const l = importedModel('deepseek-v2-lite').llm;
    expect(layerCounts(l)).toMatchObject({ dense: 1, moe: 26 });
    const ops = llmLayerOps(l, 1, 0, P16, 2);
    expect(byName(ops, 'llm.mlp_up')).toMatchObject({ calls: 1, weightCount: 2048 * 2 * 10944 });
    expect(byName(ops, 'llm.shared_up')).toMatchObject({ calls: 26, weightCount: 2048 * 2 * 2 * 1408 });
    expect(byName(ops, 'llm.experts_up')).toMatchObject({ calls: 26, weightCount: 6 * 2048 * 2 * 1408 });
  });
});

describe('multi-head latent attention (DeepSeek-V2-Lite)', () => {
  it('caches one kv_lora_rank + rope vector per token and layer: (512 + 64) x 2 bytes', () => {
    const l = importedModel('deepseek-v2-lite').llm;
    expect(kvCacheBytes(l, 16, 1000)).toBe(27 * 1000 * 576 * 2);
  });

  it('attention runs absorbed: 2·h·(2c + r) ops per query-key pair', () => {
    const l = importedModel('deepseek-v2-lite').llm;
    const att = byName(llmLayerOps(l, 1, 999, P16, 2), 'llm.attention');
    expect(att.ops).toBe(2 * 16 * (2 * 512 + 64) * 1000);
    expect(att.kvBytes).toBe(1000 * 576 * 2 + 576 * 2);
  });
});

describe('short convolutions (LFM2-350M)', () => {
  it('6 attention layers hold KV; 10 conv layers hold (K − 1)·d 16-bit values each', () => {
    const l = importedModel('lfm2-350m').llm;
    expect(layerCounts(l)).toMatchObject({ global: 6, conv: 10 });
    expect(stateBytes(l, 'conv')).toBe(2 * 1024 * 2);
    // KV per token and attention layer: 2 x 8 heads x 64 x 2 bytes = 2048.
    expect(kvCacheBytes(l, 16, 1000)).toBe(6 * 1000 * 2048 + 10 * 4096);
    expect(kvCacheBytes(l, 16, 2000) - kvCacheBytes(l, 16, 1000)).toBe(6 * 1000 * 2048);
  });

  it('a conv layer reads in_proj (d x 3d) and out_proj (d x d) and convolves K taps per channel', () => {
    const l = importedModel('lfm2-350m').llm;
    const ops = llmLayerOps(l, 1, 0, P16, 2);
    expect(byName(ops, 'llm.conv_in')).toMatchObject({ calls: 10, weightCount: 1024 * 3072, ops: 2 * 1024 * 3072 });
    expect(byName(ops, 'llm.conv_out')).toMatchObject({ calls: 10, weightCount: 1024 * 1024 });
    expect(byName(ops, 'llm.conv')).toMatchObject({ calls: 10, ops: 2 * 1024 * 3 + 4 * 1024, kvBytes: 2 * 4096 });
    expect(byName(ops, 'llm.qkv').calls).toBe(6);
  });

  it('counts to the card: 354,483,968 parameters', () => {
    // The computed count leaves out the per-head q/k norms (6 layers x 2 x 64).
    expect(llmParams(importedModel('lfm2-350m').llm).total + 6 * 2 * 64).toBe(354_483_968);
  });
});

describe('state-space layers (Mamba2-style, synthetic)', () => {
  const l = llmSchema.parse({
    name: 'hybrid', layers: 4, hidden: 256, heads: 4, kv_heads: 4, intermediate: 512, vocab: 1000, mlp: 'gated', tied_embeddings: true, max_context: 4096,
    layer_types: ['ssm', 'ssm', 'ssm', 'global'],
    ssm: { d_inner: 512, d_state: 16, n_groups: 1, n_heads: 8, conv_kernel: 4 },
  });

  it('the state is constant: fp32 H·P·N plus the 16-bit conv window', () => {
    // H·P·N = 8 x 64 x 16 = 8192 fp32; conv window 3 x (512 + 2·16) 16-bit.
    expect(stateBytes(l, 'ssm')).toBe(8192 * 4 + 3 * 544 * 2);
    expect(kvCacheBytes(l, 16, 100)).toBe(100 * 2 * 4 * 64 * 2 + 3 * (8192 * 4 + 3 * 544 * 2));
    expect(kvCacheBytes(l, 16, 200) - kvCacheBytes(l, 16, 100)).toBe(100 * 1024);
  });

  it('a decode step reads in_proj d x (2·di + 2·G·N + H) and out_proj di x d', () => {
    const ops = llmLayerOps(l, 1, 0, P16, 2);
    expect(byName(ops, 'llm.ssm_in')).toMatchObject({ calls: 3, weightCount: 256 * (1024 + 32 + 8) });
    expect(byName(ops, 'llm.ssm_out')).toMatchObject({ calls: 3, weightCount: 512 * 256 });
    expect(byName(ops, 'llm.ssm_scan').ops).toBe(2 * 544 * 4 + 6 * 512 * 16);
  });
});

describe('shared KV and per-layer embeddings (Gemma 3n E2B)', () => {
  const l = nestedLlm('gemma-3n-e2b-it', 'gemma3n_text');

  it('the last 10 of 30 layers reuse earlier caches: 4 global + 16 local layers hold KV', () => {
    expect(layerCounts(l)).toMatchObject({ global: 6, local: 24, globalHolding: 4, localHolding: 16 });
    // 2 x 2 KV heads x 256 x 2 bytes = 2048 B per token and layer; local layers hold 512 tokens.
    expect(kvCacheBytes(l, 16, 4096)).toBe(4 * 4096 * 2048 + 16 * 512 * 2048);
  });

  it('shared layers read a cache but write none', () => {
    const att = byName(llmLayerOps(l, 1, 100, P16, 2), 'llm.attention');
    // 6 global layers, 4 of them write one token's K and V (2048 B).
    expect(att.kvBytes * att.calls).toBe(6 * 101 * 2048 + 4 * 2048);
  });

  it("the transformer without embeddings counts to the card's 1.91B; the 2.0B per-layer table is separate", () => {
    const p = llmParams(l);
    expect((p.total - p.embedding - p.per_layer_embedding) / 1e9).toBeCloseTo(1.91, 2);
    expect(p.per_layer_embedding).toBe(262144 * 30 * 256);
  });
});

describe('mixture of experts in the zoo (issue acceptance)', () => {
  const mac = device('apple-m4-max');
  // Q4_K_M for both (the default scenario's own llm/embedding bits left out: the format sets them).
  const text = { images: [], prompt_tokens: 128, output_tokens: 128, quant: 'Q4_K_M', llm: undefined, embeddings: undefined };

  it('Qwen3-30B-A3B decodes at about the speed of a dense 3B model on the same device, and needs the memory of 30B', () => {
    const moe = run(text, mac, model('qwen3-30b-a3b'));
    const dense = run(text, mac, model('qwen2.5-3b'));
    // Both read ~3.1B weights per token (MoE: 3.04B incl. its LM head; Qwen2.5-3B: 3.09B with its
    // tied LM head); the MoE's router, 8 separate expert matrices and larger KV cost a little more.
    const ratio = moe.decode_tok_s.mean / dense.decode_tok_s.mean;
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
    // The same model with every expert routed (a dense 30B in all but name) decodes ~8x slower; the
    // MoE's memory is that of all 30.5B weights at Q4_K_M's ~4.9 bits.
    const m = model('qwen3-30b-a3b');
    const all = { ...m, llm: { ...m.llm, moe: { ...m.llm.moe!, experts_per_token: 128 } } };
    expect(moe.decode_tok_s.mean / run(text, mac, all).decode_tok_s.mean).toBeGreaterThan(5);
    expect(moe.memory_gb.weights).toBeGreaterThan((30.5e9 * 4.5) / 8 / 1e9);
    expect(dense.memory_gb.weights).toBeLessThan(2.5);
  });

  it('prefill reads (nearly) every expert per chunk: its weight traffic per token falls with the chunk', () => {
    const reads = (chunk: number) => run({ ...text, prompt_tokens: 1024, chunk }, mac, model('qwen3-30b-a3b')).prefill_weight_reads;
    expect(reads(1)).toBeGreaterThan(reads(512));
  });
});

describe('Gemma 4 E2B (test/fixtures/hf/gemma4-architecture.md)', () => {
  const l = importedModel('gemma-4-e2b-it').llm;

  it("counts the text model exactly as transformers' shapes do: 4,628,569,379", () => {
    expect(llmParams(l).total).toBe(4_628_569_379);
  });

  it('global layers cache 512-wide heads, local ones 256 within the window; the 20 kv-shared layers none', () => {
    // Own-cache layers: 0-14, of which 4, 9, 14 global. 2 x 1 KV head x width x 2 bytes per token.
    expect(kvCacheBytes(l, 16, 4096)).toBe(3 * 4096 * 2 * 512 * 2 + 12 * 512 * 2 * 256 * 2);
  });

  it('kv-shared layers project queries only, and their MLPs are twice as wide', () => {
    const ops = llmLayerOps(l, 1, 0, P16, 2);
    const qkv = ops.filter((o) => o.name.startsWith('llm.qkv')).map((o) => [o.calls, o.weightCount]);
    // Own-KV local (12): q 8x256 + k,v 256 each; own-KV global (3): q 8x512 + k,v 512; shared local (16) q only; shared global (4).
    expect(qkv).toEqual([
      [12, 1536 * (2048 + 512)],
      [3, 1536 * (4096 + 1024)],
      [16, 1536 * 2048],
      [4, 1536 * 4096],
    ]);
    expect(ops.filter((o) => o.name.startsWith('llm.mlp_up')).map((o) => [o.calls, o.weightCount])).toEqual([
      [15, 1536 * 2 * 6144],
      [20, 1536 * 2 * 12288],
    ]);
  });
});

describe('Gated DeltaNet (Qwen3.5-0.8B, shapes in test/fixtures/hf/README.md)', () => {
  const l = importedModel('qwen3.5-0.8b', {}, ['vision_config']).llm;

  it('one linear-attention layer holds in_proj_qkv, z, b, a, the conv, A_log, dt_bias, the norm and out_proj', () => {
    const weights = 6144 * 1024 + 2048 * 1024 + 16 * 1024 + 16 * 1024 + 6144 * 4 + 16 + 16 + 128 + 1024 * 2048;
    const total = llmParams(l);
    // 18 such layers and 6 gated attention layers (q 2 x 8 x 256, k/v 2 x 256, o), every one with its MLP and norms.
    const attention = 1024 * 4096 + 2 * 1024 * 512 + 2048 * 1024;
    const mlp = 3 * 1024 * 3584;
    expect(total.layers_total).toBe(18 * weights + 6 * attention + 24 * (mlp + 2 * 1024));
  });

  it('keeps a constant state, fp32 Hv x dk x dv plus the conv window, and no KV in those layers', () => {
    expect(stateBytes(l, 'ssm')).toBe(16 * 128 * 128 * 4 + 3 * 6144 * 2);
    // 6 attention layers: 2 x 2 KV heads x 256 x 2 bytes per token.
    expect(kvCacheBytes(l, 16, 1000) - kvCacheBytes(l, 16, 0)).toBe(6 * 1000 * 2048);
  });
});
