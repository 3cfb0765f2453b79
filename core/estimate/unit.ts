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
