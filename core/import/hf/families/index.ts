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
import { importQwen25Vl } from './qwen2-5-vl.js';
import { importQwen3Vl } from './qwen3-vl.js';
import { importGemma3 } from './gemma3.js';
import { importGemma3n } from './gemma3n.js';
import { importGemma4 } from './gemma4.js';
import { importSmolVlm } from './smolvlm.js';
import { importLlavaOnevision } from './llava-onevision.js';
import { importLfm2Vl } from './lfm2-vl.js';
import { importPhi4mm } from './phi4mm.js';
import { importFastVlm } from './fastvlm.js';

export type { Parts, FamilyImporter } from './parts.js';

export const MULTIMODAL: Record<string, FamilyImporter> = {
  internvl_chat: importInternVl,
  llava_next: importLlavaNext,
  qwen2_vl: importQwen2Vl,
  minicpmv: importMiniCpmV,
  phi3_v: importPhi3V,
  qwen2_5_vl: importQwen25Vl,
  qwen3_vl: importQwen3Vl,
  qwen3_vl_moe: importQwen3Vl,
  gemma3: importGemma3,
  gemma3n: importGemma3n,
  gemma4: importGemma4,
  qwen3_5: importQwen3Vl,
  smolvlm: importSmolVlm,
  idefics3: importSmolVlm,
  llava_onevision: importLlavaOnevision,
  lfm2_vl: importLfm2Vl,
  phi4_multimodal: importPhi4mm,
  llava_qwen2: importFastVlm,
};
