/** Shared test helpers: load the shipped data and run an estimate with scenario overrides. */
import { loadDevice, loadModel } from '../cli/load.js';
import { DEFAULT_SCENARIO_FILE, resolveScenario } from '../core/scenario.js';
import { estimate } from '../core/estimate/index.js';
import type { DeviceProfile, ModelConfig, ScenarioFile } from '../core/schema/index.js';

export const device = (id: string): DeviceProfile => loadDevice(id).value;
export const model = (id: string): ModelConfig => loadModel(id).value;

/** Estimate with the embedded default scenario (BlueLM-V-3B on Dimensity 9300) plus overrides. */
export function run(over: ScenarioFile = {}, dev: DeviceProfile = device('dimensity-9300'), m: ModelConfig = model('bluelm-v-3b'), base: ScenarioFile = DEFAULT_SCENARIO_FILE) {
  const file = { ...base, ...over };
  return estimate(dev, m, resolveScenario(m, dev, file).scenario);
}
