/**
 * Shared types of the tiling policies: what a policy returns, the error it throws, and the small
 * record each policy module exports so index.ts can dispatch without knowing any policy's details.
 */
import type { TilingPolicy } from './names.js';

export { TilingError } from '../errors.js';

/** Images of one pixel size fed to the vision encoder (count = how many of that size). */
export interface EncoderInput {
  w: number;
  h: number;
  count: number;
}

/** What a policy computes for one image; index.ts adds policy, params, width and height. */
export interface TilingOutcome {
  /** Grid columns/rows (Qwen2-VL: the merged-token grid; MiniCPM unsliced: 0 x 0). */
  cols: number;
  rows: number;
  /** Local tiles/slices/patches fed to the encoder (Qwen2-VL: 0, it does not tile). */
  tiles: number;
  /** Whether a whole-image view (thumbnail, global view, base image, source image) is also fed. */
  thumbnail: boolean;
  /** The policy's resized image size (see each policy's header for which image this is). */
  resized_w: number;
  resized_h: number;
  /** Visual tokens the LLM sees for the image, without wrapper/special tokens. */
  tokens: number;
  encoder_inputs: EncoderInput[];
  extra: Record<string, unknown>;
}

export interface TileResult extends TilingOutcome {
  policy: TilingPolicy;
  /** The resolved parameters: defaults with the caller's overrides applied. */
  params: Record<string, unknown>;
  width: number;
  height: number;
}

/** How a parameter is checked; the `expected` text goes into the TilingError message. */
export type ParamKind =
  | { kind: 'int'; min: number }
  | { kind: 'number'; min: number; max?: number; minExclusive?: boolean }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'pairs' };

/** One policy: its parameters with kinds and defaults, and the function computing its outcome. */
export interface PolicyDef<P> {
  description: string;
  params: { [K in keyof P]: ParamKind };
  defaults: P;
  /** The parameter capping the number of tiles, so `--max-tiles N` can be mapped onto it. */
  maxTilesParam?: keyof P & string;
  run: (params: P, width: number, height: number) => TilingOutcome;
}

/** Group images by pixel size, keeping first-seen order, dropping empty groups. */
export function groupInputs(items: EncoderInput[]): EncoderInput[] {
  const out: EncoderInput[] = [];
  for (const it of items) {
    if (it.count <= 0) continue;
    const same = out.find((o) => o.w === it.w && o.h === it.h);
    if (same) same.count += it.count;
    else out.push({ ...it });
  }
  return out;
}
