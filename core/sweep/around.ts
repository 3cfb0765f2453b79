/**
 * A scenario becomes a sweep of the main deployment choices around it (what `mmplan report` does
 * with a scenario file): weight bits, KV bits, prefill chunk and ViT batch, under the memory limit,
 * for time to first token and peak memory.
 */
export function sweepAround(scenario: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'choices around the scenario',
    base: scenario,
    axes: {
      'llm.wbits': [2, 3, 4, 8],
      kv_bits: [4, 8, 16],
      chunk: [32, 64, 128, 256, 512],
      vit_batch: [1, 2, 4, 6],
    },
    constraints: ['memory_gb.peak <= device.usable'],
    objectives: ['min latency_s.ttft', 'min memory_gb.peak'],
    top: 5,
  };
}
