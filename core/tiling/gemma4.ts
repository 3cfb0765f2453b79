/**
 * gemma4 — Gemma 4 (E2B/E4B) `get_aspect_ratio_preserving_size`: one image, aspect kept, sized to a
 * soft-token budget, then 16 px patches pooled 3 x 3 into soft tokens.
 *   max_patches = 9 · max_soft_tokens (max_soft_tokens one of 70, 140, 280, 560, 1120; 280 default)
 *   factor = sqrt(max_patches · 16² / (W · H)); side = floor(factor · side / 48) · 48 (always down,
 *   so most images get fewer tokens than the budget; tiny images are scaled up)
 *   a side that comes out 0 (aspect beyond ~budget:1) becomes 48 and the other
 *   min(floor(long / short) · 48, max_soft_tokens · 48)
 *   tokens = (h/16)·(w/16) // 9, without the begin/end-of-image markers.
 * The processor pads every image to max_patches patches and the encoder runs over the padded
 * sequence (HF and ExecuTorch alike), so with pad_to_budget (default) the encoder input is the
 * whole budget: a frame of 3a x 3b patches with a·b = max_soft_tokens (960 x 672 at 280), while
 * the LLM gets the image's own tokens. llama.cpp resizes with its own rule (not modelled here).
 * cols x rows = soft-token grid; tiles = 0 (no tiling); resized_w/h = the resized image;
 * extra.patches = real patches before padding.
 * Source: huggingface/transformers src/transformers/models/gemma4/image_processing_gemma4.py @
 * 8af4d22a5b47e360e0377c2e95bc60695156520e (get_aspect_ratio_preserving_size, _SUPPORTED_SOFT_TOKENS,
 * pad_along_first_dim); golden vectors: test/fixtures/tiling-gemma4.json (23 cases, checked there
 * against ExecuTorch's independent image_utils.py).
 */
import { TilingError, type PolicyDef, type TilingOutcome } from './types.js';

export interface Gemma4Params {
  max_soft_tokens: number;
  patch_size: number;
  pooling_kernel_size: number;
  pad_to_budget: boolean;
}

const SUPPORTED = [70, 140, 280, 560, 1120];

/** The encoder frame of exactly `budget` soft tokens: a x b pooled cells, a >= b, as square as divides. */
function budgetFrame(budget: number): [number, number] {
  let b = Math.floor(Math.sqrt(budget));
  while (budget % b !== 0) b--;
  return [budget / b, b];
}

export function gemma4(p: Gemma4Params, width: number, height: number): TilingOutcome {
  if (!SUPPORTED.includes(p.max_soft_tokens)) throw new TilingError(`gemma4: max_soft_tokens must be one of ${SUPPORTED.join(', ')}, found ${p.max_soft_tokens}`);
  const k = p.pooling_kernel_size;
  const side = p.patch_size * k;
  const maxPatches = p.max_soft_tokens * k * k;
  const factor = Math.sqrt((maxPatches * p.patch_size * p.patch_size) / (width * height));
  let h = Math.floor((factor * height) / side) * side;
  let w = Math.floor((factor * width) / side) * side;
  if (h === 0 && w === 0) throw new TilingError(`gemma4: a ${width}x${height} image resizes to nothing`);
  const cap = Math.floor(maxPatches / (k * k)) * side;
  if (h === 0) {
    h = side;
    w = Math.min(Math.floor(width / height) * side, cap);
  } else if (w === 0) {
    w = side;
    h = Math.min(Math.floor(height / width) * side, cap);
  }
  const patches = (h / p.patch_size) * (w / p.patch_size);
  if (patches > maxPatches) throw new TilingError(`gemma4: ${w}x${h} holds ${patches} patches, above the ${maxPatches} the budget allows`);
  const [a, b] = budgetFrame(p.max_soft_tokens);
  const frame = p.pad_to_budget ? { w: a * side, h: b * side } : { w, h };
  return {
    cols: w / side,
    rows: h / side,
    tiles: 0,
    thumbnail: false,
    resized_w: w,
    resized_h: h,
    tokens: Math.floor(patches / (k * k)),
    encoder_inputs: [{ ...frame, count: 1 }],
    extra: { patches },
  };
}

export const gemma4Def: PolicyDef<Gemma4Params> = {
  description: 'Gemma 4: aspect kept, sides floored to 48 px within a soft-token budget (280 default), 16 px patches pooled 3x3; the encoder runs the padded budget',
  params: {
    max_soft_tokens: { kind: 'int', min: 1 },
    patch_size: { kind: 'int', min: 1 },
    pooling_kernel_size: { kind: 'int', min: 1 },
    pad_to_budget: { kind: 'bool' },
  },
  defaults: { max_soft_tokens: 280, patch_size: 16, pooling_kernel_size: 3, pad_to_budget: true },
  // No tile cap: the budget is a token count, not a tile count.
  run: gemma4,
};
