/**
 * The what-if panel's inputs, resolved here the way `mmplan estimate` resolves them
 * (cli/scenario-input.ts prepare()): each device the report names loaded by that name and tuned
 * for each engine with the same calibration layers, each model with its quality evidence (by its
 * id) and any quantization its name states, each engine's defaults. The page then computes every
 * what-if with core/whatif.ts and these inputs alone.
 */
import type { SweepSetup } from '../core/sweep/result.js';
import type { ScenarioFile } from '../core/schema/index.js';
import { DEFAULT_SCENARIO_FILE } from '../core/scenario.js';
import { maxTilesParam } from '../core/tiling/index.js';
import { applyEngine } from '../core/calibration/index.js';
import { applyQuantFormat, findQuantFormat, formatName, quantNames } from '../core/quant/presets.js';
import { deviceKey, type WhatIfChoices, type WhatIfInputs } from '../core/whatif.js';
import { loadDevice, loadEngineNamed, loadModel } from './names.js';
import { calibrationFor } from './shipped.js';
import { loadPriors, loadQuality } from './quality-input.js';
import type { QualityPrior } from '../core/quality-priors.js';

/** A prior without its per-point sources and notes (the rule reads study, factor, model and scores). */
function slimPrior(p: QualityPrior): QualityPrior {
  return {
    study: p.study,
    factor: p.factor,
    model: p.model,
    mmplan_model: p.mmplan_model,
    modality: p.modality,
    benchmarks: Object.fromEntries(Object.entries(p.benchmarks).map(([b, v]) => [b, { scale: v.scale, points: v.points.map((q) => ({ value: q.value, score: q.score, source: '-' })) }])),
  };
}
import { InputError } from '../core/errors.js';
import { whatIfScript } from '../reports/whatif/bundle.js';
import type { WhatIfPanel } from '../reports/html.js';

/** Values every report offers besides the sweep's own: the common widths. */
const COMMON_WBITS = [2, 3, 4, 8, 16];
const COMMON_KV_BITS = [2, 3, 4, 8, 16];

const sortedUnique = (xs: number[]) => [...new Set(xs.filter((x) => Number.isInteger(x) && x > 0))].sort((a, b) => a - b);

export function whatIfInputs(setup: SweepSetup, chosenIndex: number, profiles?: string): WhatIfInputs {
  const { spec, evaluator } = setup;
  const base = structuredClone(spec.base);
  const axis = (path: string) => spec.axes.find((a) => a.path === path)?.values;
  const strings = (path: string, fallback: string | undefined) => (axis(path)?.map(String) ?? (fallback !== undefined ? [fallback] : []));
  const nums = (path: string) => (axis(path) ?? []).filter((v): v is number => typeof v === 'number');

  const deviceRefs = strings('device', base.device ?? DEFAULT_SCENARIO_FILE.device);
  const modelRefs = strings('model', base.model ?? DEFAULT_SCENARIO_FILE.model);
  const engineRefs = strings('engine', base.engine);

  const calibration = calibrationFor(profiles);
  const engines: WhatIfInputs['engines'] = {};
  for (const ref of engineRefs) {
    const { engine } = loadEngineNamed(ref);
    engines[ref] = { id: engine.id, defaults: engine.defaults };
  }
  const devices: WhatIfInputs['devices'] = {};
  for (const ref of deviceRefs) {
    const loaded = loadDevice(ref).value;
    if (!engineRefs.length) devices[deviceKey(ref, undefined)] = { device: loaded };
    for (const e of engineRefs) {
      try {
        const tuned = applyEngine(loaded, loadEngineNamed(e).engine, calibration?.cal, calibration?.label);
        devices[deviceKey(ref, e)] = { device: tuned.device, placement: tuned.placement };
      } catch (err) {
        // An engine that does not run on this device: the panel says so when both are chosen.
        if (!(err instanceof InputError)) throw err;
      }
    }
  }
  const models: WhatIfInputs['models'] = {};
  for (const ref of modelRefs) {
    const m = loadModel(ref);
    const nameQuant = m.quant && findQuantFormat(m.quant) ? m.quant : undefined;
    models[ref] = { model: m.value, evidence: loadQuality(m.value.id), ...(nameQuant ? { name_quant: nameQuant } : {}) };
  }

  // Named formats that apply to at least one of the models, one spelling each; none when the base
  // fixes the LLM's weight layout itself (a format beside it is refused, as \`estimate --quant\` refuses it).
  const seen = new Set<string>();
  const layoutFixed = (['wbits', 'group_size', 'scale_bytes', 'bpw'] as const).some((k) => base.llm?.[k] !== undefined);
  const quant = (layoutFixed ? [] : [...strings('quant', base.quant), ...quantNames().map((q) => q.name)]).filter((name) => {
    const f = findQuantFormat(name);
    if (!f || seen.has(formatName(f))) return false;
    const ok = Object.values(models).some(({ model }) => {
      try {
        applyQuantFormat(f, model);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) seen.add(formatName(f));
    return ok;
  });

  // The controls start at the recommended plan, every field the panel sets given explicitly.
  const at = evaluator.estimateAt(chosenIndex);
  const file: ScenarioFile = at.file;
  const s = at.scenario;
  const capKey = at.model.vision ? maxTilesParam(s.tiling.policy) : undefined;
  const cap = capKey !== undefined ? s.tiling.params[capKey] : undefined;
  const initial: WhatIfChoices = {
    device: file.device ?? DEFAULT_SCENARIO_FILE.device!,
    ...(file.engine ? { engine: file.engine } : {}),
    model: file.model ?? DEFAULT_SCENARIO_FILE.model!,
    ...(file.quant ? { quant: file.quant } : { wbits: s.quant.llm.wbits }),
    kv_bits: s.quant.kv_bits,
    ...(typeof cap === 'number' ? { max_tiles: cap } : {}),
    ...(at.model.vision ? { images: s.images.map(({ width, height }) => ({ width, height })) } : {}),
    chunk: s.chunk,
    vit_batch: s.vit_batch,
  };
  return {
    base,
    devices,
    models,
    // Only what the quality rule computes with: the per-point sources stay in the files (a smaller page).
    priors: Object.values(models).some((m) => m.evidence) ? loadPriors().map(slimPrior) : undefined,
    engines,
    options: {
      device: deviceRefs,
      engine: engineRefs,
      model: modelRefs,
      // Weight bits beside a named format in the base are refused the same way.
      wbits: base.quant ? [] : sortedUnique([...COMMON_WBITS, ...nums('llm.wbits'), initial.wbits ?? 4]),
      quant,
      kv_bits: sortedUnique([...COMMON_KV_BITS, ...nums('kv_bits'), initial.kv_bits]),
      max_tiles: sortedUnique([...nums('tiling.max_tiles'), ...(initial.max_tiles ? [initial.max_tiles] : [])]),
      chunk: sortedUnique([...nums('chunk'), initial.chunk]),
      vit_batch: sortedUnique([...nums('vit_batch'), initial.vit_batch]),
    },
    initial,
  };
}

/** The panel of a report: its inputs and the bundled script (built once per process). */
export async function whatIfPanel(setup: SweepSetup, chosenIndex: number, profiles?: string): Promise<WhatIfPanel> {
  return { inputs: whatIfInputs(setup, chosenIndex, profiles), script: await whatIfScript() };
}
