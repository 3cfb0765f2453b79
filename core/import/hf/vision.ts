/**
 * The `vision` section from a SigLIP/CLIP/InternViT-style tower config, and standalone vision
 * encoder configs (google/siglip-*, openai/clip-*, OpenGVLab/InternViT-*), which are a model's
 * vision section, not a model.
 */
import { InputError } from '../../errors.js';
import { Fields, isObject, show, unsupported, type Json } from './fields.js';

/** Vision config types with the SigLIP/CLIP field names; CLIP and InternViT prepend a class token. */
export const VISION_TYPES: Record<string, { cls: boolean; label: string }> = {
  siglip_vision_model: { cls: false, label: 'SigLIP' },
  siglip: { cls: false, label: 'SigLIP' },
  // SmolVLM / Idefics3 towers (SigLIP fields).
  smolvlm_vision: { cls: false, label: 'SigLIP' },
  idefics3_vision: { cls: false, label: 'SigLIP' },
  // MiniCPM-Llama3-V 2.5 declares its SigLIP tower with the Idefics2 vision class (same fields).
  idefics2: { cls: false, label: 'SigLIP (Idefics2 NaViT)' },
  clip_vision_model: { cls: true, label: 'CLIP' },
  intern_vit_6b: { cls: true, label: 'InternViT' },
  // SigLIP2 NaFlex: no fixed image size, a num_patches position table (16 x 16) resized to each image.
  siglip2_vision_model: { cls: false, label: 'SigLIP2 NaFlex' },
  // Phi-4-multimodal's SigLIP-shaped tower (Phi4MultimodalVisionConfig).
  phi4_multimodal_vision: { cls: false, label: 'SigLIP (Phi-4-multimodal)' },
};

/** Towers named, not described, by a config (Phi-3-V's img_processor.model_name). */
export const KNOWN_VISION_TOWERS: Record<string, Json> = {
  // https://huggingface.co/openai/clip-vit-large-patch14-336/blob/main/config.json (vision_config)
  'openai/clip-vit-large-patch14-336': {
    name: 'CLIP ViT-L/14-336',
    image_size: 336,
    patch_size: 14,
    layers: 24,
    hidden: 1024,
    heads: 16,
    intermediate: 4096,
    mlp: 'plain',
    cls_token: true,
  },
};

/**
 * Encoders that are not plain ViTs, by the architecture name configs use for them: the id of the
 * shipped staged encoder (models/encoders/<id>.yaml, whose `architectures` list these names). The
 * imported model names the encoder (`vision: <id>`) and the loader reads it from there.
 */
export const STAGED_ENCODERS: Record<string, string> = {
  mobilenetv5_300m_enc: 'mobilenetv5-300m',
  mobileclip_l_1024: 'fastvithd',
};

export function stagedEncoderRef(f: Fields, architecture: string): string {
  return STAGED_ENCODERS[architecture] ?? unsupported(f, 'architecture', architecture, Object.keys(STAGED_ENCODERS));
}

export function importVision(f: Fields, typeFallback?: string, over: { image_size?: number; layers?: number } = {}): Json {
  const type = f.optStr('model_type') ?? typeFallback ?? f.fail('model_type', 'missing');
  const kind = (Object.hasOwn(VISION_TYPES, type) ? VISION_TYPES[type] : undefined) ?? unsupported(f, 'model_type', type, Object.keys(VISION_TYPES));
  const hidden = f.int('hidden_size');
  const layers = over.layers ?? f.int('num_hidden_layers');
  // NaFlex towers have no image_size: their num_patches position table is a square grid, used here
  // as the nominal size (the table's weights count exactly; each image is sized by its policy).
  const grid = type === 'siglip2_vision_model' ? Math.round(Math.sqrt(f.int('num_patches'))) : undefined;
  return {
    name: `${kind.label} ${layers}L/${hidden}`,
    image_size: over.image_size ?? (grid !== undefined ? grid * f.int('patch_size') : f.int('image_size')),
    patch_size: f.int('patch_size'),
    layers,
    hidden,
    heads: f.int('num_attention_heads'),
    intermediate: f.int('intermediate_size'),
    mlp: 'plain',
    cls_token: kind.cls,
    ...(grid !== undefined ? { position_entries: grid * grid } : {}),
  };
}

/** Vision-only configs: a top-level tower config, or a dual-encoder (SigLIP/CLIP) whose vision_config is the tower. */
export const DUAL_ENCODER_TYPES = ['siglip', 'siglip2', 'clip'];

/**
 * The `vision` section of a standalone vision encoder config (google/siglip-*, openai/clip-*,
 * OpenGVLab/InternViT-*). Only the image tower is read; a dual encoder's text tower is not an LLM.
 */
export function importHfVisionConfig(config: unknown): Json {
  if (!isObject(config)) throw new InputError(`config: expected a JSON object, found ${show(config)}`);
  const f = new Fields(config);
  const type = f.str('model_type');
  if (DUAL_ENCODER_TYPES.includes(type)) return importVision(f.sub('vision_config'), `${type}_vision_model`);
  return importVision(f);
}
