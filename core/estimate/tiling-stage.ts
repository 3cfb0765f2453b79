/**
 * Tiling stage: each image of the request cut by the model's policy (core/tiling/). Reads the
 * policy, its parameters and the image sizes; nothing about the device or the quantization.
 */
import type { ImageSize, TilingPolicy } from '../schema/index.js';
import { tile, type TileResult } from '../tiling/index.js';
import { objKey, type Stage } from './cache.js';

export type TilingInput = { policy: TilingPolicy; params: Record<string, unknown>; images: ImageSize[] };

const imagesText = (ims: ImageSize[]) => ims.map((i) => `${i.width}x${i.height}`).join(',');

export const tilingStage: Stage<TilingInput, TileResult[]> = {
  name: 'tiles',
  key: (c, i) => `${i.policy}|${objKey(c, i.params, JSON.stringify)}|${objKey(c, i.images, imagesText)}`,
  run: (i) => i.images.map((im) => tile(i.policy, i.params, im.width, im.height)),
};
