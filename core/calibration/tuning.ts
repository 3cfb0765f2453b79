/**
 * Engine tuning: the same chip differs by 2x between engines, so a prediction runs the device's
 * hardware (peaks, bandwidth, buffers) with the engine's software parameters (efficiencies,
 * per-call costs, memory overhead). Layers apply in order, later wins:
 *   device profile defaults -> engine profile -> fitted for the engine class -> fitted for this device.
 */
import type { DeviceProfile, EngineProfile, UnitKind, UnitTuning } from '../schema/index.js';

export type Tuning = UnitTuning & { memory_overhead?: number; graph?: 'static' | 'dynamic' };

export function engineTuning(e: EngineProfile | undefined): Tuning {
  if (!e) return {};
  return { ...e.tuning, ...(e.memory_overhead !== undefined ? { memory_overhead: e.memory_overhead } : {}), ...(e.graph ? { graph: e.graph } : {}) };
}

/** A copy of the device with `unit` re-tuned (and the runtime overhead replaced when given). */
export function tuneDevice(device: DeviceProfile, unit: UnitKind, ...layers: Tuning[]): DeviceProfile {
  const base = device.units[unit];
  if (!base) return device;
  const u = { ...base };
  let runtime = device.runtime_overhead;
  for (const t of layers) {
    for (const [k, v] of Object.entries(t)) {
      if (v === undefined) continue;
      if (k === 'memory_overhead') runtime = v as number;
      else (u as Record<string, unknown>)[k] = k === 'compute_efficiency' || k === 'bandwidth_efficiency' || k === 'encode_efficiency' ? Math.min(1, v as number) : v;
    }
  }
  return { ...device, runtime_overhead: runtime, units: { ...device.units, [unit]: u } };
}
