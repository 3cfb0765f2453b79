/**
 * A calibration case: one published measurement mapped to everything needed to predict it (the
 * device, model and resolved scenario, the unit and engine it ran on, the engine's own defaults),
 * and its prediction under a stack of tuning layers (engine defaults, class fit, device fit).
 */
import type { DeviceProfile, ModelConfig, Scenario, UnitKind } from '../schema/index.js';
import { estimate } from '../estimate/index.js';
import { tuneDevice, type Tuning } from './tuning.js';
import { metricValue, type Metric } from '../metrics.js';

/** One record ready to predict. */
export type CalibCase = {
  id: string;
  metric: Metric;
  measured: number;
  device: DeviceProfile;
  model: ModelConfig;
  scenario: Scenario;
  unit: UnitKind;
  engine: string;
  /** Where the record comes from (a paper, a repository file, a page): one setup, left out together. */
  source: string;
  /** The engine profile's own defaults (first tuning layer). */
  engineTuning: Tuning;
};

export function predictCase(c: CalibCase, layers: Tuning[]): number {
  const device = tuneDevice(c.device, c.unit, c.engineTuning, ...layers);
  return metricValue(estimate(device, c.model, c.scenario), c.metric);
}

/** The current value of a tunable parameter (or the memory overhead) after the given layers. */
export function currentValue(c: CalibCase, p: 'compute_efficiency' | 'encode_efficiency' | 'bandwidth_efficiency' | 'request_overhead' | 'memory_overhead', layers: Tuning[]): number {
  const d = tuneDevice(c.device, c.unit, c.engineTuning, ...layers);
  if (p === 'memory_overhead') return d.runtime_overhead;
  const u = d.units[c.unit]!;
  // Until something sets it, the encoder runs at the LLM's efficiency.
  if (p === 'encode_efficiency') return u.encode_efficiency ?? u.compute_efficiency;
  return u[p];
}
