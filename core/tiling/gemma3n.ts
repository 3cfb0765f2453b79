/**
 * gemma3n_fixed — Gemma 3n: one image_size x image_size input (768) to the MobileNet-V5 encoder,
 * image_seq_length (256) soft tokens per image, whatever the image's size.
 * The processor's image processor is a SigLIP one (SiglipImageProcessorFast: resize to the exact
 * size, aspect not kept); the processor expands each image to "\n\n<start_of_image>" + 256 image
 * tokens + "<end_of_image>\n\n" (the 2 markers are not counted). Google documents 256x256, 512x512
 * and 768x768 inputs for Gemma 3n; only 768 -> 256 tokens is modelled (whether a smaller input
 * also gives 256 tokens was not checked).
 * cols = rows = tiles = 1; no thumbnail; resized_w/h = image_size.
 * Sources: huggingface/transformers src/transformers/models/gemma3n/processing_gemma3n.py
 * (image_seq_length default 256, SiglipImageProcessorFast, full_image_sequence; commit
 * 052b1dcdbe751ed16e8da95261021318f170a130); https://ai.google.dev/gemma/docs/capabilities/vision
 * ("Gemma 3n: 256x256, 512x512, or 768x768 resolution", "Each image typically uses 256 tokens";
 * revision not seen). The 768 default of google/gemma-3n-*-it's preprocessor_config.json was not seen.
 */
import type { PolicyDef, TilingOutcome } from './types.js';

export interface Gemma3nParams {
  image_size: number;
  image_seq_length: number;
}

export function gemma3n(p: Gemma3nParams, _width: number, _height: number): TilingOutcome {
  return {
    cols: 1,
    rows: 1,
    tiles: 1,
    thumbnail: false,
    resized_w: p.image_size,
    resized_h: p.image_size,
    tokens: p.image_seq_length,
    encoder_inputs: [{ w: p.image_size, h: p.image_size, count: 1 }],
    extra: {},
  };
}

export const gemma3nDef: PolicyDef<Gemma3nParams> = {
  description: 'Gemma 3n: one 768x768 input to MobileNet-V5, 256 soft tokens per image',
  params: {
    image_size: { kind: 'int', min: 1 },
    image_seq_length: { kind: 'int', min: 1 },
  },
  defaults: { image_size: 768, image_seq_length: 256 },
  // No tile cap: always one tile.
  run: gemma3n,
};
