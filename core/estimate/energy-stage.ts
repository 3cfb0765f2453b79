/**
 * The energy, power, battery and sustained-speed figures of one estimate, from its phase times and
 * the bytes each phase moves (core/energy/). Bytes: the encoder reads its weights once per call;
 * prefill reads the LLM's weights per chunk (the cost model's count); each decode step reads the
 * LLM's weights, the LM head and the KV cache filled so far (on average half the answer on top of
 * the prompt).
 */
import type { DeviceProfile, Scenario } from '../schema/index.js';
import type { Estimate } from '../types.js';
import { powerParams, CLASS_BATTERY_WH } from '../energy/defaults.js';
import { phaseEnergy, batteryPercent } from '../energy/energy.js';
import { thermal, factorAfter } from '../energy/thermal.js';

export type EnergyInputs = {
  encodeSeconds: number;
  prefillSeconds: number;
  decodeSeconds: number;
  /** Request overhead and preprocessing: the base power only. */
  otherSeconds: number;
  encodeBytes: number;
  prefillBytes: number;
  decodeBytes: number;
  decodedTokens: number;
  ttft: number;
  decodeTokS: number;
};

/** The battery behind a device: the named product's, else a typical one for its class. @internal */
function battery(d: DeviceProfile): { wh: number; basis: 'product' | 'class typical' } | undefined {
  const p = d.product;
  const wh = p?.battery_wh ?? (p?.battery_mah ? (p.battery_mah * 3.87) / 1000 : undefined);
  if (wh) return { wh, basis: 'product' };
  const typical = CLASS_BATTERY_WH[d.class];
  return typical ? { wh: typical, basis: 'class typical' } : undefined;
}

export function energyFigures(d: DeviceProfile, s: Scenario, x: EnergyInputs): Pick<Estimate, 'energy_j' | 'power_w' | 'battery_pct' | 'sustained'> {
  const p = powerParams(d);
  const encode = phaseEnergy({ seconds: x.encodeSeconds, unit: s.placement.vit, bytes: x.encodeBytes }, p);
  const prefill = phaseEnergy({ seconds: x.prefillSeconds, unit: s.placement.llm, bytes: x.prefillBytes }, p);
  const decode = phaseEnergy({ seconds: x.decodeSeconds, unit: s.placement.llm, bytes: x.decodeBytes }, p);
  const other = x.otherSeconds * p.base_w;
  const query = encode.joules + prefill.joules + decode.joules + other;
  const seconds = x.encodeSeconds + x.prefillSeconds + x.decodeSeconds + x.otherSeconds;
  const average = seconds > 0 ? query / seconds : 0;
  // Requests back to back: the device carries the request's average power.
  const th = thermal(average, p.sustain_w, p.heat_j);
  const f = factorAfter(th, s.duration_s);
  const b = battery(d);
  return {
    energy_j: { query, per_output_token: x.decodedTokens > 0 ? decode.joules / x.decodedTokens : 0, by_phase: { encode: encode.joules, prefill: prefill.joules, decode: decode.joules } },
    power_w: { encode: encode.watts, prefill: prefill.watts, decode: decode.watts, average },
    battery_pct: b ? { per_query: batteryPercent(query, b.wh), per_100_queries: 100 * batteryPercent(query, b.wh), battery_wh: b.wh, basis: b.basis } : null,
    sustained: { after_s: s.duration_s, throttle_at_s: th.throttle_at_s, throttled_factor: th.factor, decode_tok_s: x.decodeTokS * f, ttft_s: x.ttft / f },
  };
}
