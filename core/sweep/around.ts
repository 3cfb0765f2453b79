/**
 * A scenario becomes a sweep of the main deployment choices around it (what `mmplan report` does
 * with a scenario file): weight bits, KV bits, tile cap, prefill chunk and ViT batch, under the
 * memory limit, for time to first token, peak memory and, when the model has quality evidence, its
 * score on `benchmark` (the co-design question is what accuracy each second buys).
 */
export function sweepAround(scenario: Record<string, unknown>, opts: { benchmark?: string; tiles?: boolean } = {}): Record<string, unknown> {
  return {
    name: 'choices around the scenario',
    base: scenario,
    axes: {
      'llm.wbits': [2, 3, 4, 8],
      kv_bits: [4, 8, 16],
      ...(opts.tiles ? { 'tiling.max_tiles': [1, 2, 4, 6, 9, 12, 16] } : {}),
      chunk: [32, 64, 128, 256, 512],
      vit_batch: [1, 2, 4, 6],
    },
    constraints: ['memory_gb.peak <= device.usable'],
    objectives: ['min latency_s.ttft', 'min memory_gb.peak', ...(opts.benchmark ? [`max quality.${opts.benchmark}.score`] : [])],
    top: 5,
  };
}
