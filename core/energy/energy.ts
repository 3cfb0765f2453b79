/**
 * Energy per phase: E = t x (base power + active power of the unit running the phase) + bytes moved
 * x DRAM energy per byte. Power per phase is that energy over its time. One request's energy is the
 * sum of its phases; per output token is the decode energy over the tokens decoded. Battery use is
 * the query's energy against the battery's watt-hours.
 */
import type { UnitKind } from '../schema/index.js';
import type { PowerParams } from './defaults.js';

export type PhaseWork = { seconds: number; unit: UnitKind; bytes: number };
export type PhaseEnergy = { joules: number; watts: number };

export function phaseEnergy(w: PhaseWork, p: PowerParams): PhaseEnergy {
  const joules = w.seconds * (p.base_w + p.unit_w[w.unit]) + w.bytes * p.dram_pj_per_byte * 1e-12;
  return { joules, watts: w.seconds > 0 ? joules / w.seconds : 0 };
}

/** Battery percent one query costs: its joules over the battery's energy (Wh x 3600 J). */
export function batteryPercent(joules: number, batteryWh: number): number {
  return (100 * joules) / (batteryWh * 3600);
}
