/**
 * CPython's iteration order of a `set` of small-int tuples, reproduced exactly.
 *
 * InternVL builds its candidate grids as a Python set and then sorts them by area only, so inside
 * one area the order is whatever the set iterates in, and that order decides exact ties in
 * find_closest_aspect_ratio. No simple rule generates it (see the orders in the spec), so this
 * module emulates what CPython 3.8+ does on 64-bit builds:
 *  - hash(int) = the int for small non-negative ints;
 *  - hash(tuple) = the xxHash-based tuplehash of Objects/tupleobject.c (3.8+);
 *  - the set table of Objects/setobject.c: 8 slots to start, probe slot i then up to 9 linear
 *    neighbours (LINEAR_PROBES, only when they fit before the end), then i = 5i + 1 + perturb with
 *    perturb >>= 5 (PERTURB_SHIFT); grow when fill*5 >= mask*3 to the smallest power of two
 *    > 4*used, re-inserting the old entries in table order;
 *  - iteration walks the table by slot.
 * The tests check the orders the spec lists; during development it also matched CPython 3.11 for
 * every range min 1..30, max min..60.
 */

const U64 = (1n << 64n) - 1n;
const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const SET_MINSIZE = 8;

/** CPython 3.8+ hash of a tuple of non-negative ints below 2^61 - 1 (their hash is themselves). */
export function tupleHash(items: readonly number[]): bigint {
  let acc = XXPRIME_5;
  for (const item of items) {
    acc = (acc + BigInt(item) * XXPRIME_2) & U64;
    acc = ((acc << 31n) | (acc >> 33n)) & U64; // rotate left 31
    acc = (acc * XXPRIME_1) & U64;
  }
  acc = (acc + (BigInt(items.length) ^ (XXPRIME_5 ^ 3527539n))) & U64;
  return acc === U64 ? 1546275796n : acc; // -1 is reserved for errors in C
}

interface Slot<K> {
  key: K;
  hash: bigint;
}

/** Slot index to store `hash` in: the first empty slot along CPython's probe sequence. */
function probe<K>(table: (Slot<K> | undefined)[], hash: bigint, isSame: (s: Slot<K>) => boolean): number {
  const mask = table.length - 1;
  let perturb = hash;
  let i = Number(hash & BigInt(mask));
  for (;;) {
    const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    for (let j = 0; j <= probes; j++) {
      const slot = table[i + j];
      if (slot === undefined || isSame(slot)) return i + j;
    }
    perturb >>= PERTURB_SHIFT;
    i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
  }
}

/**
 * The order in which `set(keys)` iterates, for keys given in insertion order (duplicates allowed,
 * later duplicates are ignored as in CPython). `keyOf` gives the tuple to hash and compare.
 */
export function cpythonSetOrder<T>(keys: Iterable<T>, keyOf: (k: T) => readonly number[]): T[] {
  let table: (Slot<T> | undefined)[] = new Array(SET_MINSIZE).fill(undefined);
  let used = 0; // no deletions, so fill == used throughout
  const sameTuple = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  for (const key of keys) {
    const tuple = keyOf(key);
    const hash = tupleHash(tuple);
    const at = probe(table, hash, (s) => s.hash === hash && sameTuple(keyOf(s.key), tuple));
    if (table[at] !== undefined) continue; // already present
    table[at] = { key, hash };
    used++;
    const mask = table.length - 1;
    if (used * 5 < mask * 3) continue;
    // set_table_resize(so, used > 50000 ? used*2 : used*4)
    const minUsed = used > 50000 ? used * 2 : used * 4;
    let size = SET_MINSIZE;
    while (size <= minUsed) size *= 2;
    const old = table;
    table = new Array(size).fill(undefined);
    for (const slot of old) if (slot !== undefined) table[probe(table, slot.hash, () => false)] = slot;
  }
  return table.filter((s): s is Slot<T> => s !== undefined).map((s) => s.key);
}
