/**
 * Devices by name: a product from the catalog ("Pixel 9 Pro", "Galaxy S24 Ultra 12GB") becomes its
 * SoC profile with that product's memory. A RAM variant may be named ("... 16GB", "... (16 GB)");
 * without one the base variant is used. What one app may use follows the product's RAM: the
 * profile's usable share of its own RAM (its OS convention, stated in the profile with its source:
 * about 60% on Android, the jetsam limit on iOS, the GPU working set on macOS) applied to the
 * product's RAM.
 */
import type { DeviceProfile } from '../schema/index.js';
import { InputError } from '../errors.js';
import { resolveName, type NameIndex, type Resolved, type Target } from './index.js';
import type { DeviceDetail } from './entries.js';

const GIB = 2 ** 30;
const RAM_SUFFIX = /[\s(,]+(\d+(?:\.\d+)?)\s*GB\)?\s*$/i;

/**
 * A product and its own chip profile sharing a name ("Raspberry Pi 5", "Jetson Orin Nano Super") are
 * one device: the product, which knows its RAM and battery.
 */
function oneProduct(ts: Array<Target<DeviceDetail>>): Target<DeviceDetail> | undefined {
  const profiles = new Set(ts.map((t) => t.detail?.profile));
  const products = ts.filter((t) => t.detail?.product);
  return profiles.size === 1 && products.length === 1 ? products[0] : undefined;
}

/** Resolve a device name, with an optional RAM variant. */
export function resolveDevice(index: NameIndex<DeviceDetail>, raw: string, flag?: string): Resolved<DeviceDetail> {
  let r: Resolved<DeviceDetail>;
  try {
    r = resolveName(index, raw, flag, oneProduct);
  } catch (e) {
    const m = RAM_SUFFIX.exec(raw);
    if (!m) throw e;
    r = resolveName(index, raw.slice(0, m.index), flag, oneProduct);
    const product = r.target.detail?.product;
    const ram = Number(m[1]);
    if (!product) throw new InputError(`'${raw.slice(0, m.index).trim()}' is a chip; a RAM size belongs to a product (a phone or laptop)`, undefined, flag);
    if (product.ram_gb && !product.ram_gb.includes(ram)) throw new InputError(`${product.name} is sold with ${product.ram_gb.join(' or ')} GB, not ${ram} GB`, undefined, flag);
    r = { ...r, target: { ...r.target, detail: { ...r.target.detail!, ramGb: ram } } };
  }
  const product = r.target.detail?.product;
  if (product && r.target.detail!.ramGb === undefined && product.ram_gb?.length) r.target.detail!.ramGb = product.ram_gb[0];
  return r;
}

/** The profile with a product's memory: its RAM, and the usable share of RAM the profile states. */
export function withProduct(profile: DeviceProfile, detail: DeviceDetail): DeviceProfile {
  const product = detail.product;
  if (!product) return profile;
  const ram = detail.ramGb !== undefined ? detail.ramGb * GIB : profile.memory.total;
  const usable = (profile.memory.usable / profile.memory.total) * ram;
  return {
    ...profile,
    memory: { ...profile.memory, total: ram, usable },
    product: { name: product.name, maker: product.maker, os: product.os, ram_gb: detail.ramGb ?? null, battery_mah: product.battery_mah, battery_wh: product.battery_wh, source: product.source },
  };
}

/** One line saying what a device name resolved to. */
export function deviceResolution(given: string, profile: DeviceProfile, detail: DeviceDetail): string {
  const p = detail.product;
  const what = p ? `${p.maker} ${p.name}: ${profile.name} (${profile.id})${detail.ramGb ? `, ${detail.ramGb} GB RAM, ${(profile.memory.usable / 1e9).toFixed(1)} GB usable` : ''}` : `${profile.name} (${profile.id})`;
  return `device: '${given}' -> ${what}${detail.note ? `; ${detail.note}` : ''}`;
}
