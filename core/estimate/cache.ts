/**
 * The stage memo: results of an estimate's stages keyed by exactly the inputs each stage reads, so
 * a sweep varying one axis recomputes only the stages that axis feeds. Each stage declares its key
 * (see the stage files); objects shared across configurations (a device, a model, a params object,
 * an image list) are keyed by identity or by a string computed once per object. Bounded: each
 * stage's map is cleared past `limit` entries.
 */
export type EstimateCache = { maps: Map<string, Map<string, unknown>>; ids: WeakMap<object, number>; keys: WeakMap<object, string>; next: number; limit: number };

export function newEstimateCache(limit = 20_000): EstimateCache {
  return { maps: new Map(), ids: new WeakMap(), keys: new WeakMap(), next: 0, limit };
}

/** A number unique to an object for this cache's lifetime (devices and models are shared, not copied). */
export function objId(c: EstimateCache, o: object): number {
  let id = c.ids.get(o);
  if (id === undefined) c.ids.set(o, (id = ++c.next));
  return id;
}

/** A string key for an object, computed once per object (sweeps share params and image lists). */
export function objKey<T extends object>(c: EstimateCache, o: T, make: (o: T) => string): string {
  let k = c.keys.get(o);
  if (k === undefined) c.keys.set(o, (k = make(o)));
  return k;
}

/** A stage: its name, the key of its inputs, and its computation. */
export type Stage<I, O> = { name: string; key: (c: EstimateCache, input: I) => string; run: (input: I) => O };

/** Run a stage through the memo (or directly without a cache). */
export function runStage<I, O>(c: EstimateCache | undefined, stage: Stage<I, O>, input: I): O {
  if (!c) return stage.run(input);
  let m = c.maps.get(stage.name);
  if (!m) c.maps.set(stage.name, (m = new Map()));
  const k = stage.key(c, input);
  const hit = m.get(k);
  if (hit !== undefined) return hit as O;
  const v = stage.run(input);
  if (m.size >= c.limit) m.clear();
  m.set(k, v);
  return v;
}
