/**
 * The multimodal family registry: config.json `model_type` -> the importer that knows that
 * family's sections. A new family is a file in this folder and one line here.
 */
import type { FamilyImporter } from './parts.js';
import { importInternVl } from './internvl.js';
import { importLlavaNext } from './llava-next.js';
import { importQwen2Vl } from './qwen2-vl.js';
import { importMiniCpmV } from './minicpm-v.js';
import { importPhi3V } from './phi3-v.js';

export type { Parts, FamilyImporter } from './parts.js';

export const MULTIMODAL: Record<string, FamilyImporter> = {
  internvl_chat: importInternVl,
  llava_next: importLlavaNext,
  qwen2_vl: importQwen2Vl,
  minicpmv: importMiniCpmV,
  phi3_v: importPhi3V,
};
