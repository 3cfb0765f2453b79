/**
 * Dynamic-resolution tiling policies: how each multimodal model cuts an image into encoder inputs,
 * and how many visual tokens the LLM then sees. Every policy is a pure function reproducing its
 * reference implementation exactly (checked against golden vectors produced by the reference code,
 * test/fixtures/tiling-golden.json); the per-policy files say what each does and cite the source.
 */
import { TILING_POLICIES, type TilingPolicy } from './names.js';
import { bluelmRelaxedDef } from './bluelm.js';
import { fastvlmDef } from './fastvlm.js';
import { fixedResizeDef } from './fixed.js';
import { gemma3Def } from './gemma3.js';
import { gemma3nDef } from './gemma3n.js';
import { gemma4Def } from './gemma4.js';
import { lfm2VlDef } from './lfm2-vl.js';
import { idefics3Def } from './idefics3.js';
import { internvlDynamicDef } from './internvl.js';
import { internvl3Def } from './internvl3.js';
import { ixc2HdDef } from './ixc2-4khd.js';
import { llavaNextHfDef, llavaNextOrigDef } from './llava-next.js';
import { llavaOnevisionDef } from './llava-onevision.js';
import { miniMonkeyDemoDef, miniMonkeyEvalDefaultDef } from './mini-monkey.js';
import { minicpmV4Def } from './minicpm-v4.js';
import { minicpmV25Def, minicpmV26Def } from './minicpm.js';
import { resolveParams } from './params.js';
import { phi3HdDef } from './phi3-v.js';
import { phi4mmDef } from './phi4mm.js';
import { qwen25vlDef } from './qwen2-5-vl.js';
import { qwen2vlDef } from './qwen2-vl.js';
import { TilingError, type PolicyDef, type TileResult } from './types.js';

export type { TilingPolicy } from './names.js';
export { TILING_POLICIES } from './names.js';
export { TilingError, type TileResult, type EncoderInput } from './types.js';
export { roundHalfEven, pyRound, pyFloorDiv } from './round.js';
export { internvlCandidates, findClosestAspectRatio, type Grid } from './aspect.js';

type AnyPolicyDef = PolicyDef<Record<string, unknown>>;
// Each def is typed by its own params interface; the registry erases that, since tile() takes
// untyped params (from files and flags) and checks them against def.params before use.
const erase = <P>(def: PolicyDef<P>) => def as unknown as AnyPolicyDef;

const POLICIES: Record<TilingPolicy, AnyPolicyDef> = {
  internvl_dynamic: erase(internvlDynamicDef),
  llava_next_hf: erase(llavaNextHfDef),
  llava_next_orig: erase(llavaNextOrigDef),
  ixc2_4khd: erase(ixc2HdDef),
  mini_monkey_demo: erase(miniMonkeyDemoDef),
  mini_monkey_eval_default: erase(miniMonkeyEvalDefaultDef),
  bluelm_v3b_relaxed: erase(bluelmRelaxedDef),
  qwen2_vl: erase(qwen2vlDef),
  minicpm_v25: erase(minicpmV25Def),
  minicpm_v26: erase(minicpmV26Def),
  fixed_resize: erase(fixedResizeDef),
  gemma3_pan_and_scan: erase(gemma3Def),
  idefics3: erase(idefics3Def),
  llava_onevision: erase(llavaOnevisionDef),
  phi3_hd: erase(phi3HdDef),
  phi4mm_dynamic: erase(phi4mmDef),
  qwen2_5_vl: erase(qwen25vlDef),
  internvl3: erase(internvl3Def),
  minicpm_v4: erase(minicpmV4Def),
  fastvlm_fixed: erase(fastvlmDef),
  gemma3n_fixed: erase(gemma3nDef),
  gemma4: erase(gemma4Def),
  lfm2_vl: erase(lfm2VlDef),
};

const byPolicy = <T>(f: (def: AnyPolicyDef) => T) =>
  Object.fromEntries(TILING_POLICIES.map((p) => [p, f(POLICIES[p])])) as Record<TilingPolicy, T>;

/** Reference inference defaults per policy (each policy file says where its values come from). */
export const DEFAULT_PARAMS: Record<TilingPolicy, Record<string, unknown>> = byPolicy((d) => structuredClone(d.defaults));

/** The parameter names each policy accepts. */
export const POLICY_PARAMS: Record<TilingPolicy, string[]> = byPolicy((d) => Object.keys(d.params));

/** One line per policy, for help text and reports. */
export const POLICY_DESCRIPTIONS: Record<TilingPolicy, string> = byPolicy((d) => d.description);

function policyDef(policy: string): AnyPolicyDef {
  if (!(TILING_POLICIES as readonly string[]).includes(policy))
    throw new TilingError(`unknown tiling policy "${policy}" (known: ${TILING_POLICIES.join(', ')})`);
  return POLICIES[policy as TilingPolicy];
}

/**
 * The parameter that caps the number of tiles, so a `--max-tiles N` flag can be mapped onto any
 * policy: max_num (InternVL, InternVL3), hd_num (4KHD), num_crops (Phi-3.5-vision), dynamic_hd
 * (Phi-4-multimodal), detail_max (Mini-Monkey's detailed layer; the adaptive layer adds its own tiles
 * on top), max_patches (BlueLM), max_slice_nums (MiniCPM). undefined for llava_next_* and
 * llava_onevision (the pinpoint list bounds the grid), qwen2_vl / qwen2_5_vl (max_pixels is a pixel
 * budget, not a tile count), idefics3 (the tile count follows from longest_edge), gemma3_pan_and_scan
 * (its crop cap only acts with pan-and-scan, off by default) and the one-tile policies fixed_resize,
 * fastvlm_fixed, gemma3n_fixed.
 */
export function maxTilesParam(policy: TilingPolicy): string | undefined {
  return policyDef(policy).maxTilesParam;
}

function checkSide(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
    throw new TilingError(`image ${name} must be a positive integer number of pixels, found ${JSON.stringify(v)}`);
}

/** Tile one W x H image with `policy`; `params` override DEFAULT_PARAMS[policy]. */
export function tile(policy: TilingPolicy, params: Record<string, unknown>, width: number, height: number): TileResult {
  const def = policyDef(policy);
  checkSide('width', width);
  checkSide('height', height);
  const resolved = resolveParams(policy, def.params, def.defaults, params ?? {});
  return { policy, params: resolved, width, height, ...def.run(resolved, width, height) };
}
