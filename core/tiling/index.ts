/**
 * Dynamic-resolution tiling policies: how each multimodal model cuts an image into encoder inputs,
 * and how many visual tokens the LLM then sees. Every policy is a pure function reproducing its
 * reference implementation exactly (checked against golden vectors produced by the reference code,
 * test/fixtures/tiling-golden.json); the per-policy files say what each does and cite the source.
 */
import { TILING_POLICIES, type TilingPolicy } from './names.js';
import { bluelmRelaxedDef } from './bluelm.js';
import { fixedResizeDef } from './fixed.js';
import { internvlDynamicDef } from './internvl.js';
import { ixc2HdDef } from './ixc2-4khd.js';
import { llavaNextHfDef, llavaNextOrigDef } from './llava-next.js';
import { miniMonkeyDemoDef, miniMonkeyEvalDefaultDef } from './mini-monkey.js';
import { minicpmV25Def, minicpmV26Def } from './minicpm.js';
import { resolveParams } from './params.js';
import { qwen2vlDef } from './qwen2-vl.js';
import { TilingError, type PolicyDef, type TileResult } from './types.js';

export type { TilingPolicy } from './names.js';
export { TILING_POLICIES } from './names.js';
export { TilingError, type TileResult, type EncoderInput } from './types.js';
export { roundHalfEven, pyRound } from './round.js';
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
 * policy: max_num (InternVL), hd_num (4KHD), detail_max (Mini-Monkey's detailed layer; the adaptive
 * layer adds its own tiles on top), max_patches (BlueLM), max_slice_nums (MiniCPM). undefined for
 * llava_next_* (the pinpoint list bounds the grid), qwen2_vl (max_pixels is a pixel budget, not a
 * tile count) and fixed_resize (always one tile).
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
