/**
 * `estimate --engine all`: the same plan on every engine that can run on the device, one row each
 * (unit, decode, TTFT, peak memory, the 68% band of its decode figure, the calibration level its
 * parameters came from), fastest decode first; engines that cannot run say why. Generic engines
 * (no runtime named) are left out: they are what an estimate without --engine uses.
 */
import { estimate } from '../core/estimate/index.js';
import { InputError } from '../core/errors.js';
import { listEngineIds } from './shipped.js';
import { prepare, type ScenarioFlags } from './scenario-input.js';

export type EngineRow =
  | { engine: string; applicable: true; unit: string; decode_tok_s: number; ttft_s: number; peak_memory_gb: number; fits: boolean; decode_band_pct: number | null; level: string }
  | { engine: string; applicable: false; reason: string };

export function compareEngines(flags: ScenarioFlags): { device: string; model: string; rows: EngineRow[] } {
  let device = '';
  let model = '';
  const rows: EngineRow[] = [];
  for (const id of listEngineIds().filter((e) => !e.startsWith('generic-'))) {
    try {
      const p = prepare({ ...flags, engine: id });
      const e = estimate(p.device.value, p.model.value, p.scenario, { assumptions: [] });
      device = e.device;
      model = e.model;
      rows.push({
        engine: id,
        applicable: true,
        unit: e.units.llm,
        decode_tok_s: e.decode_tok_s.mean,
        ttft_s: e.latency_s.ttft,
        peak_memory_gb: e.memory_gb.peak,
        fits: e.fits,
        decode_band_pct: p.uncertainty?.decode_tok_s?.band_pct ?? null,
        level: p.level ?? 'engine defaults',
      });
    } catch (err) {
      // An engine the device or model cannot run (no such unit, another vendor's chip, a plan that
      // does not apply) is a row with its reason; anything else is a bug and propagates.
      if (!(err instanceof InputError)) throw err;
      rows.push({ engine: id, applicable: false, reason: err.message });
    }
  }
  if (!device) {
    // Nothing ran: say why through the first engine's own error.
    const first = rows[0];
    throw new InputError(`no engine can run this plan${first && !first.applicable ? ` (${first.engine}: ${first.reason})` : ''}`, undefined, '--engine');
  }
  rows.sort((a, b) => (a.applicable === b.applicable ? (a.applicable && b.applicable ? b.decode_tok_s - a.decode_tok_s : a.engine.localeCompare(b.engine)) : a.applicable ? -1 : 1));
  return { device, model, rows };
}
