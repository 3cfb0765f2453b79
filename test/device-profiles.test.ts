/**
 * Shipped device profiles (device-profiles/*.yaml): each loads and validates, is named after its id,
 * carries a source on every number, explains every estimate, and keeps usable memory within total.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, basename, extname } from 'node:path';
import { readDataFile, DATA_DIRS } from '../cli/load.js';
import { loadCatalog, loadDevice } from '../cli/names.js';
import { unsourcedNumbers } from '../core/provenance.js';

const files = readdirSync(DATA_DIRS.device)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const idOf = (f: string) => basename(f, extname(f));

/** Profiles the planner and calibration rely on by id. */
const REQUIRED = [
  'dimensity-9300',
  'snapdragon-8-gen-3',
  'snapdragon-8-elite',
  'dimensity-9400',
  'apple-a17-pro',
  'rtx-4090-laptop',
];

/** Every provenance wrapper ({value, source, ...}) in a parsed document, with its dotted path. */
function wrappers(raw: unknown, path: string[] = []): { path: string; w: Record<string, unknown> }[] {
  if (raw === null || typeof raw !== 'object') return [];
  if (!Array.isArray(raw) && 'value' in raw) return [{ path: path.join('.'), w: raw as Record<string, unknown> }];
  const entries = Array.isArray(raw) ? raw.map((v, i) => [String(i), v] as const) : Object.entries(raw);
  return entries.flatMap(([k, v]) => wrappers(v, [...path, k]));
}

describe('device profiles', () => {
  it('ships the required profiles', () => {
    const ids = files.map(idOf);
    for (const id of REQUIRED) expect(ids).toContain(id);
  });

  describe.each(files)('%s', (file) => {
    const raw = readDataFile(join(DATA_DIRS.device, file));

    it('loads and validates, and its id is the file name', () => {
      const { value } = loadDevice(idOf(file));
      expect(value.id).toBe(idOf(file));
    });

    it('gives every number a source', () => {
      // Aliases are names ("888", "8G3"), not numbers.
      expect(unsourcedNumbers(raw, (p) => p.startsWith('aliases.'))).toEqual([]);
    });

    it('gives every wrapper a source and every estimate a why', () => {
      for (const { path, w } of wrappers(raw)) {
        expect(typeof w.source === 'string' && w.source.trim().length > 0, `${path}: source`).toBe(true);
        if (w.estimated === true) expect(typeof w.why === 'string' && w.why.trim().length > 0, `${path}: why`).toBe(true);
      }
    });

    it('keeps usable memory within total and lists its documents', () => {
      const { value } = loadDevice(idOf(file));
      expect(value.memory.usable).toBeLessThanOrEqual(value.memory.total);
      expect(value.memory.usable).toBeGreaterThan(0);
      expect(value.sources.length).toBeGreaterThan(0);
    });

    it('maps precision pairs only to precisions the unit has a peak for', () => {
      const { value } = loadDevice(idOf(file));
      for (const [kind, unit] of Object.entries(value.units)) {
        for (const [pair, prec] of Object.entries(unit!.precision_map)) {
          expect(unit!.peak[prec], `units.${kind}.precision_map.${pair} -> ${prec}`).toBeGreaterThan(0);
        }
      }
    });
  });

  it('parses the dimensity-9300 bandwidth to exactly 76.8 GB/s', () => {
    expect(loadDevice('dimensity-9300').value.memory.bandwidth).toBe(76.8e9);
  });

  it('places the dimensity-9300 stages as BlueLM-V-3B does (Conv2D on CPU, ViT and LLM on the NPU)', () => {
    expect(loadDevice('dimensity-9300').value.default_placement).toEqual({ patch_embed: 'cpu', vit: 'npu', projector: 'npu', llm: 'npu' });
  });
});

describe('the device catalog', () => {
  const catalog = loadCatalog();
  it('names at least 80 phones, tablets, laptops and boards of 2021-26, each with a source', () => {
    expect(catalog.filter((d) => d.year !== null && d.year >= 2021 && d.year <= 2026).length).toBeGreaterThanOrEqual(80);
    for (const d of catalog) expect(d.source.length, d.name).toBeGreaterThan(10);
  });
  it('maps every device to a shipped chip profile', () => {
    const ids = new Set(readdirSync(DATA_DIRS.device).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)));
    expect(catalog.filter((d) => !ids.has(d.soc)).map((d) => `${d.name} -> ${d.soc}`)).toEqual([]);
  });
  it('covers the families people ask about, with their regional variants', () => {
    const names = new Set(catalog.map((d) => d.name));
    for (const n of ['Pixel 6', 'Pixel 9 Pro', 'Pixel 10 Pro', 'Galaxy S24 Ultra', 'Galaxy S25', 'iPhone 13', 'iPhone 16 Pro', 'iPhone 17 Pro', 'OnePlus 12', 'vivo X200', 'Find X8', 'MacBook Air (M3)', 'Jetson Orin Nano Super Developer Kit']) expect(names.has(n), n).toBe(true);
    const s24 = catalog.filter((d) => d.variant_of === 'Galaxy S24');
    expect(s24.map((d) => d.soc).sort()).toEqual(['exynos-2400', 'snapdragon-8-gen-3']);
  });
});
