/**
 * Hugging Face import: a model's config.json -> the raw model config mmplan reads (what a
 * models/*.yaml holds), ready for modelConfigSchema.
 *
 * A config.json describes shapes, not always everything mmplan needs, so some parts come from the
 * model family's code and are stated here once, where they are used:
 * - the projector's widths (InternVL's mlp1, LLaVA's multi_modal_projector, Qwen2-VL's merger,
 *   Phi-3-V's img_projection) are fixed by each family's modeling code, not by config fields;
 * - the tiling policy and its parameters are the family's inference defaults (the image processor
 *   or chat code), since config.json rarely carries them;
 * - Phi-3-V names its CLIP tower instead of describing it (KNOWN_VISION_TOWERS).
 *
 * Nested `text_config` blocks (LLaVA-style) are saved by transformers as a diff against the text
 * model's config class, so absent fields take that class's defaults (TEXT_CLASS_DEFAULTS); the
 * result's `notes` lists every field filled that way. Everywhere else a missing shape field is an
 * error, because guessing a layer count silently would corrupt every estimate built on it.
 *
 * A lone vision encoder config (SigLIP, CLIP, InternViT) is not a model: importHfConfig rejects it
 * and importHfVisionConfig returns it as a `vision` section.
 *
 * Every failure is an Error with one line naming the field: "llm_config.hidden_size: missing".
 */
import { InputError } from '../../errors.js';
import { Fields, isObject, show, unsupported, type Json } from './fields.js';
import { LLM_TYPES, importLlm } from './llm.js';
import { DUAL_ENCODER_TYPES, VISION_TYPES } from './vision.js';
import { MULTIMODAL, type Parts } from './families/index.js';

export { importHfVisionConfig } from './vision.js';

export type ImportOptions = {
  /** mmplan id, e.g. "internvl2-2b". */
  id: string;
  name?: string;
  /** Where the config came from (URL); recorded as the model's `source`. */
  source?: string;
};

const VISION_ONLY_TYPES = [...DUAL_ENCODER_TYPES, ...Object.keys(VISION_TYPES)];

/**
 * A raw model config (as a models/*.yaml would hold it) from a config.json object. Text-only
 * LLMs get no vision section and no tiling; multimodal families get all sections.
 */
export function importHfConfig(config: unknown, opts: ImportOptions): Record<string, unknown> {
  if (!isObject(config)) throw new InputError(`config: expected a JSON object, found ${show(config)}`);
  const f = new Fields(config);
  const type = f.str('model_type');
  let parts: Parts;
  // Own keys only: a model_type such as 'valueOf' or 'constructor' is not a family.
  if (Object.hasOwn(MULTIMODAL, type)) parts = MULTIMODAL[type](f);
  else if ((LLM_TYPES as readonly string[]).includes(type)) parts = { llm: importLlm(f, type, f.label() ?? type), notes: [] };
  else if (VISION_ONLY_TYPES.includes(type))
    throw new InputError(`model_type: '${type}' is a vision encoder config with no language model; import it with importHfVisionConfig as a model's vision section`);
  else unsupported(f, 'model_type', type, [...LLM_TYPES, ...Object.keys(MULTIMODAL)]);

  const label = f.label();
  const out: Json = {
    id: opts.id,
    name: opts.name ?? label ?? opts.id,
    source: opts.source ?? `Hugging Face config.json${label ? ` of ${label}` : ''}`,
  };
  if (parts.vision) out.vision = parts.vision;
  if (parts.compression) out.compression = parts.compression;
  if (parts.projector) out.projector = parts.projector;
  out.llm = parts.llm;
  if (parts.tiling) out.tiling = parts.tiling;
  if (parts.notes.length) out.notes = `Imported from config.json. ${parts.notes.join('; ')}.`;
  return out;
}
