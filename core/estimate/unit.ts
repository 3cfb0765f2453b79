/** The unit a stage runs on, with the bandwidth it attains; a stage placed on a missing unit is a scenario error. */
import type { DeviceProfile, UnitKind } from '../schema/index.js';
import { ScenarioError } from '../errors.js';
import { attainableBandwidth } from '../cost/roofline.js';
import type { UnitCtx } from '../cost/unit-ctx.js';

export function unitCtx(device: DeviceProfile, kind: UnitKind): UnitCtx {
  const unit = device.units[kind];
  if (!unit) throw new ScenarioError('placement', `device '${device.id}' has no ${kind} unit`);
  return { unit, bandwidth: attainableBandwidth(device, unit) };
}

/**
 * The unit the vision encoder runs on: its encode_efficiency (when the unit or a calibration sets
 * one) replaces compute_efficiency for the encoder's ops.
 */
export function encodeUnitCtx(device: DeviceProfile, kind: UnitKind): UnitCtx {
  const ctx = unitCtx(device, kind);
  const e = ctx.unit.encode_efficiency;
  return e === undefined ? ctx : { unit: { ...ctx.unit, compute_efficiency: e }, bandwidth: ctx.bandwidth };
}
