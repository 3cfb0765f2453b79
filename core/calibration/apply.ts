/**
 * Applying an engine and its calibration to a device: the engine's unit gets the engine profile's
 * defaults, then the engine class's fit, its unit family's, then this device's (later wins), and runs
 * every stage the scenario does not place itself. Says in words which layers were used.
 */
import type { Calibration, DeviceProfile, EngineProfile, FittedSet, Placement } from '../schema/index.js';
import { InputError } from '../errors.js';
import { engineTuning, tuneDevice } from './tuning.js';
import { calibrationLayers, unitFamily } from './levels.js';

export type EngineApplied = { device: DeviceProfile; placement: Placement; lines: string[]; level: string };

/** `calLabel` names the calibration in the lines (a path as the user gave it, or the shipped file's). */
export function applyEngine(device: DeviceProfile, engine: EngineProfile, cal: Calibration | undefined, calLabel?: string): EngineApplied {
  const unit = engine.unit;
  if (!device.units[unit]) throw new InputError(`engine '${engine.id}' runs on the ${unit}, which device '${device.id}' does not have`, undefined, '--engine');
  const vendor = device.family?.vendor;
  if (engine.vendors && vendor && !engine.vendors.includes(vendor)) {
    throw new InputError(`engine '${engine.id}' runs only on ${engine.vendors.join(' or ')} chips; '${device.id}' is ${/^[aeiou]/.test(vendor) ? 'an' : 'a'} ${vendor} chip`, undefined, '--engine');
  }
  const family = unitFamily(device, unit);
  const relatives = [device.family?.bin_of, device.family?.predecessor].filter((x): x is string => !!x);
  const { cls, fam, grp, layers, level, relative } = calibrationLayers(cal, { device: device.id, engine: engine.id, unit, family, relatives });
  const fitted = (x: { params: FittedSet; records: number } | undefined, what: string) =>
    x && Object.keys(x.params).length ? [`calibrated: ${what} ${Object.keys(x.params).join(', ')} (fitted on ${x.records} records, ${calLabel})`] : [];
  const lines = [
    `engine: ${engine.name} on the ${unit}; parameters from the ${level} level${level === 'family' ? ` (${family}: this device has no records of its own)` : ''}${relative ? ` (${relative}'s fit: this device has no records of its own; ${relative === device.family?.bin_of ? 'it is a faster bin of that chip' : 'that chip is its predecessor'})` : ''}`,
    ...fitted(grp, `${engine.id} on ${relative ?? device.id}`),
    ...fitted(fam, `${engine.id} on ${family} chips`),
    ...fitted(cls, `${engine.id} (all devices)`),
  ];
  if (!grp && !cls && !fam) lines.push(`estimated: engine ${engine.id} defaults, never calibrated (${calLabel ? 'no records in ' + calLabel : 'no calibration file'})`);
  return {
    device: tuneDevice(device, unit, engineTuning(engine), ...layers),
    placement: { patch_embed: unit, vit: unit, projector: unit, llm: unit },
    lines,
    level,
  };
}
