/**
 * Loading models, devices and engines by any name people use, through the core resolver
 * (core/resolve/): a file path or a shipped id loads directly; anything else ("Pixel 9 Pro",
 * "google/gemma-3-1b-it", "Galaxy S24 Ultra 12GB", "llama.cpp-cpu") is looked up in an index of
 * every shipped name, built once per process and only when a name is not an id.
 * Each load says what the name resolved to, for the output.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogEntry, DeviceProfile, EngineProfile, ModelConfig } from '../core/schema/index.js';
import { catalogFileSchema } from '../core/schema/index.js';
import type { NameLookup } from '../core/measurements.js';
import { InputError } from '../core/errors.js';
import { modelParams } from '../core/params.js';
import { resolveName, type NameIndex } from '../core/resolve/index.js';
import { deviceIndex, engineIndex, modelIndex, type DeviceDetail } from '../core/resolve/entries.js';
import { deviceResolution, resolveDevice, withProduct } from '../core/resolve/device.js';
import { DATA_DIRS, fileOf, listIds, loadDeviceFile, loadModelFile, readDataFile, validate, type Loaded } from './load.js';
import { SHIPPED, engineExists, listEngineIds, loadEngine } from './shipped.js';

const CATALOG_FILE = join(DATA_DIRS.device, 'catalog', 'devices.yaml');

let catalog: CatalogEntry[] | undefined;
/** The shipped device catalog (phones, tablets, laptops, boards). */
export function loadCatalog(): CatalogEntry[] {
  return (catalog ??= validate(catalogFileSchema, readDataFile(CATALOG_FILE), CATALOG_FILE, 'device catalog').value.devices);
}

const indexes: { model?: NameIndex; device?: NameIndex<DeviceDetail>; engine?: NameIndex } = {};
const modelNames = () => (indexes.model ??= modelIndex(listIds('model').map((id) => loadModelFile(fileOf('model', id)!).value)));
const deviceNames = () => (indexes.device ??= deviceIndex(listIds('device').map((id) => loadDeviceFile(fileOf('device', id)!).value), loadCatalog()));
const engineNames = () => (indexes.engine ??= engineIndex(listEngineIds().map(loadEngine)));

export type Named<T> = Loaded<T> & { given: string; resolution?: string; quant?: string };

/** A model by file, id or name; a quantization suffix in the name ("-Q4_K_M", "-AWQ") comes back as `quant`. */
export function loadModel(ref: string, flag = '--model'): Named<ModelConfig> {
  const file = fileOf('model', ref);
  if (file) return { ...loadModelFile(file), given: ref };
  const r = resolveName(modelNames(), ref, flag);
  const loaded = loadModelFile(fileOf('model', r.target.id)!);
  return { ...loaded, given: ref, quant: r.quant, resolution: `model: '${ref}' -> ${loaded.value.name} (${loaded.value.id})${r.quant ? `, quantization ${r.quant}` : ''}` };
}

/** A device by file, profile id, chip name or product name (with its RAM and battery). */
export function loadDevice(ref: string, flag = '--device'): Named<DeviceProfile> {
  const file = fileOf('device', ref);
  if (file) return { ...loadDeviceFile(file), given: ref };
  const r = resolveDevice(deviceNames(), ref, flag);
  const loaded = loadDeviceFile(fileOf('device', r.target.detail!.profile)!);
  const value = withProduct(loaded.value, r.target.detail!);
  return { ...loaded, value, given: ref, resolution: deviceResolution(ref, value, r.target.detail!) };
}

/** An engine by id or name ("llama.cpp-cpu", "MLC LLM"); a name shared by several units is refused, listing them. */
export function loadEngineNamed(ref: string, flag = '--engine'): { engine: EngineProfile; resolution?: string } {
  if (engineExists(ref)) return { engine: loadEngine(ref) };
  const r = resolveName(engineNames(), ref, flag);
  const engine = loadEngine(r.target.id);
  return { engine, resolution: `engine: '${ref}' -> ${engine.name} (${engine.id})` };
}

/**
 * Which of several same-named models a measurement means: the one whose parameter count matches the
 * record's, if only one does; or any of them when they share one architecture (llama.cpp describes
 * Qwen2-1.5B and Qwen2.5-1.5B alike, "qwen2 1.5B", and the cost model cannot tell them apart either).
 */
function sameModel(ids: string[], paramsB: number | undefined): { id: string; label: string } | undefined {
  const models = ids.map((id) => loadModelFile(fileOf('model', id)!).value);
  const fit = paramsB === undefined ? models : models.filter((m) => Math.abs(modelParams(m).total / 1e9 / paramsB - 1) < 0.06);
  const shapes = new Set(fit.map((m) => JSON.stringify([m.llm.layers, m.llm.hidden, m.llm.heads, m.llm.kv_heads, m.llm.head_dim, m.llm.intermediate, m.llm.vocab, m.llm.tied_embeddings, m.vision ?? null])));
  return fit.length >= 1 && shapes.size === 1 ? { id: fit[0].id, label: fit[0].id } : undefined;
}

/** The resolver as measurement mapping uses it: ids, or the reason a name is not one. */
export function nameLookup(): NameLookup {
  const attempt = <T>(f: () => T): T | { error: string } => {
    try {
      return f();
    } catch (e) {
      if (e instanceof InputError) return { error: e.message };
      throw e;
    }
  };
  return {
    device: (text) => attempt(() => ({ id: resolveDevice(deviceNames(), text).target.detail!.profile })),
    model: (text, paramsB) => attempt(() => {
      // llama.cpp describes a model as "<arch> <size> <type>" ("llama 1B Q4_0"): the stated parameter
      // count tells TinyLlama 1.1B from Llama 3.2 1B.
      const r = resolveName(modelNames(), text, undefined, (ts) => sameModel(ts.map((t) => t.id), paramsB));
      return { id: r.target.id, ...(r.quant ? { quant: r.quant } : {}) };
    }),
  };
}

/** Every shipped engine id (for help texts). */
export const engineIds = (): string[] => readdirSync(SHIPPED.engines).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
