/**
 * The names each model, device and engine answers to, for the resolver's index: ids, display
 * names, Hugging Face repositories (from `hf:` and from a huggingface.co source URL), aliases; for
 * chips their part numbers; for products (the catalog) their names, codenames and model numbers,
 * and for a regional family ("Galaxy S24") its default variant.
 */
import type { CatalogEntry, DeviceProfile, EngineProfile, ModelConfig } from '../schema/index.js';
import { buildIndex, nameKey, type NameIndex, type Target } from './index.js';

/** org/name of a huggingface.co URL ("https://huggingface.co/Qwen/Qwen2-VL-2B-Instruct/blob/..."). */
function hfRepo(url: string): string | undefined {
  const m = /huggingface\.co\/([\w.-]+\/[\w.-]+)/.exec(url);
  return m && !['datasets', 'spaces', 'docs', 'blog', 'papers'].includes(m[1].split('/')[0]) ? m[1] : undefined;
}

/**
 * The repository a model's source URL names, when it is this model's own (Mini-Monkey cites
 * InternVL2-2B's config for its architecture: that repository names another model).
 */
function ownRepo(m: ModelConfig): string | undefined {
  const repo = hfRepo(m.source);
  if (!repo) return undefined;
  const a = nameKey(repo);
  const b = nameKey(m.id);
  return a.startsWith(b) || b.startsWith(a) ? repo : undefined;
}

export function modelIndex(models: ModelConfig[]): NameIndex {
  return buildIndex(
    'model',
    models.map((m) => ({ target: { id: m.id, label: m.id }, names: [m.id, m.name, ...m.hf, ...m.aliases, ...[ownRepo(m)].filter((x): x is string => !!x)] })),
  );
}

/** What a device name resolved to: the SoC profile, and the product with its RAM when one was named. */
export type DeviceDetail = { profile: string; product?: CatalogEntry; ramGb?: number; note?: string };

export function deviceIndex(profiles: DeviceProfile[], catalog: CatalogEntry[]): NameIndex<DeviceDetail> {
  const entries: Array<{ target: Target<DeviceDetail>; names: string[] }> = profiles.map((p) => ({
    target: { id: p.id, label: p.id, detail: { profile: p.id } },
    names: [p.id, p.name, ...(p.soc ? [p.soc] : []), ...p.aliases],
  }));
  for (const d of catalog) {
    const target: Target<DeviceDetail> = { id: d.soc, label: d.name, detail: { profile: d.soc, product: d } };
    entries.push({ target, names: [d.name, `${d.maker} ${d.name}`, ...d.aliases] });
    if (d.variant_of && d.default_variant) {
      const others = catalog.filter((x) => x.variant_of === d.variant_of && x !== d).map((x) => x.name);
      const note = `${d.variant_of} is sold with different chips: ${d.name} is the default (${d.why ?? 'the most sold variant'}); also ${others.join(', ')}`;
      entries.push({ target: { ...target, detail: { ...target.detail!, note } }, names: [d.variant_of, `${d.maker} ${d.variant_of}`] });
    }
  }
  return buildIndex('device', entries);
}

export function engineIndex(engines: EngineProfile[]): NameIndex {
  return buildIndex(
    'engine',
    // "llama.cpp" names both llama.cpp-cpu and llama.cpp-gpu: the unit must then be said.
    engines.map((e) => ({ target: { id: e.id, label: e.id }, names: [e.id, e.name, ...e.aliases, e.id.replace(/-(cpu|gpu|npu)$/, '')] })),
  );
}
