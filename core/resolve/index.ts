/**
 * The name resolver: one way for every command, sweep spec and measurement record to turn what
 * people type ("Pixel 9 Pro", "google/gemma-3-1b-it", "Snapdragon 8 Gen 3", "llama.cpp") into a
 * model, a device (an SoC profile, or a product from the catalog with its RAM) or an engine.
 *
 * A name is reduced to a key (names.ts) and looked up among every name of every entry (its id,
 * its display name, its Hugging Face repositories, its aliases, and for chips the name without
 * the brand). Exactly one entry: resolved. Several entries, or a key that only starts entries'
 * keys ("Qwen2.5" without a size): refused, listing the candidates; mmplan never guesses between
 * two sizes of a model or two chips. Nothing: refused, with the nearest name as a suggestion.
 */
import { InputError } from '../errors.js';
import { nearest } from '../nearest.js';
import { nameKey, splitQuant, withoutBrand } from './names.js';

export { nameKey, splitQuant } from './names.js';

export type NameKind = 'model' | 'device' | 'engine';

/** What a name can resolve to: an id of its kind, a label for people, and optional details. */
export type Target<D = unknown> = { id: string; label: string; detail?: D };

type Entry<D> = { target: Target<D>; names: string[] };

export type NameIndex<D = unknown> = { kind: NameKind; byKey: Map<string, Array<Target<D>>>; keys: string[] };

/** Maker and brand words a chip or product name may be written with or without. */
export const BRANDS = ['apple', 'google', 'samsung', 'qualcomm', 'snapdragon', 'mediatek', 'dimensity', 'nvidia', 'intel', 'amd', 'exynos', 'galaxy', 'xiaomi', 'oneplus', 'vivo', 'oppo', 'sony', 'microsoft', 'asus', 'lenovo', 'motorola', 'nothing', 'realme', 'raspberry'] as const;

export function buildIndex<D>(kind: NameKind, entries: Array<Entry<D>>): NameIndex<D> {
  const byKey = new Map<string, Array<Target<D>>>();
  const add = (key: string | undefined, t: Target<D>) => {
    if (!key) return;
    const list = byKey.get(key) ?? [];
    if (!list.some((x) => x.id === t.id && x.label === t.label)) list.push(t);
    byKey.set(key, list);
  };
  for (const e of entries) {
    for (const n of e.names) {
      add(nameKey(splitQuant(n).name), e.target);
      // "Apple A18" is also "A18"; "Galaxy S25" is also "S25"; "Google Tensor G4" is "Tensor G4".
      add(withoutBrand(n, BRANDS), e.target);
    }
  }
  return { kind, byKey, keys: [...byKey.keys()] };
}

export type Resolved<D> = { target: Target<D>; quant?: string };

const list = <D>(ts: Array<Target<D>>) =>
  [...new Set(ts.map((t) => t.label))]
    .sort()
    .slice(0, 12)
    .join(', ');

/**
 * Resolve `raw` in `index`. `flag` names where the name came from in errors (--model, a spec
 * field). A quantization suffix ("-Q4_K_M", "-4bit") is split off and returned for models.
 */
export function resolveName<D>(index: NameIndex<D>, raw: string, flag?: string, decide?: (ts: Array<Target<D>>) => Target<D> | undefined): Resolved<D> {
  const { name, quant } = index.kind === 'model' ? splitQuant(raw) : { name: raw, quant: undefined };
  const key = nameKey(name);
  const one = (ts: Array<Target<D>>) => {
    if (ts.length === 1) return ts[0];
    // Something else the caller knows (a record's stated parameter count) may pick one; nothing else does.
    return decide?.(ts);
  };
  const exact = index.byKey.get(key) ?? (withoutBrand(name, BRANDS) ? index.byKey.get(withoutBrand(name, BRANDS)!) : undefined);
  if (exact && one(exact)) return { target: one(exact)!, ...(quant ? { quant } : {}) };
  if (exact && exact.length > 1) throw new InputError(`'${raw}' names several ${index.kind}s: ${list(exact)}; name one`, undefined, flag);
  // A key that only begins others ("qwen2p5" for every Qwen2.5 size) is a family: refuse, listing its members.
  if (key.length >= 3) {
    const family = index.keys.filter((k) => k.startsWith(key)).flatMap((k) => index.byKey.get(k)!);
    const distinct = [...new Map(family.map((t) => [t.id + '|' + t.label, t])).values()];
    if (distinct.length && one(distinct)) return { target: one(distinct)!, ...(quant ? { quant } : {}) };
    if (distinct.length > 1) throw new InputError(`'${raw}' matches several ${index.kind}s: ${list(distinct)}; name one (with its size or variant)`, undefined, flag);
  }
  const near = nearest(key, index.keys);
  const suggestion = near ? index.byKey.get(near)![0].label : undefined;
  throw new InputError(`unknown ${index.kind} '${raw}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (see 'mmplan list ${index.kind}s')`, undefined, flag);
}
