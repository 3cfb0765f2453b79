/**
 * Image inputs: "WxH", an image file (PNG, JPEG, WebP, GIF, ...: the size is read from the header
 * with image-size, no decoding), or a directory (every image file in it, for a distribution).
 */
import { readdirSync, statSync } from 'node:fs';
import { errnoText, readBounded } from './files.js';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';
import type { ImageSize } from '../core/schema/index.js';
import { InputError } from '../core/errors.js';

/** image-size, loaded when an image file is read: `--image 1920x1080` and plain estimates never need it. */
const requireCjs = createRequire(import.meta.url);
let imageSizeFn: typeof import('image-size').imageSize | undefined;
const imageSize = () => (imageSizeFn ??= (requireCjs('image-size') as typeof import('image-size')).imageSize);

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp', '.tif', '.tiff', '.avif', '.heic']);

export type NamedImage = ImageSize & { name: string };

const SIZE_RE = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/;
/** Header bytes read: enough for the size of any common format, even behind large EXIF blocks. */
const HEADER_BYTES = 4 * 1024 * 1024;

/** Read an image's pixel size from its header. */
export function imageFileSize(file: string): ImageSize {
  // A regular file only (a FIFO would block, /dev/zero never end), and only its header.
  const buf = readBounded(file, HEADER_BYTES, { flag: '--image', truncate: true });
  try {
    const s = imageSize()(buf);
    if (!s.width || !s.height) throw new Error('no size');
    // EXIF orientations 5-8 rotate by 90 degrees: the model sees the displayed size only if the loader transposes.
    return { width: s.width, height: s.height };
  } catch {
    throw new InputError('not an image file this tool can read (expected PNG, JPEG, WebP, GIF, BMP, TIFF)', file, '--image');
  }
}

/** One --image value: a size, a file, or (when allowed) a directory of images. */
export function resolveImageSpec(spec: string, opts: { allowDirectory: boolean }): NamedImage[] {
  const m = SIZE_RE.exec(spec);
  if (m) {
    const width = Number(m[1]);
    const height = Number(m[2]);
    if (width <= 0 || height <= 0) throw new InputError(`expected a positive size WxH, found "${spec}"`, undefined, '--image');
    return [{ width, height, name: `${width}x${height}` }];
  }
  let st;
  try {
    st = statSync(spec);
  } catch (e) {
    const why = errnoText(e);
    throw new InputError(why === 'no such file' ? `expected WxH (e.g. 768x1536), an image file or a directory; found "${spec}" (no such file)` : `${spec}: ${why}`, undefined, '--image');
  }
  if (st.isDirectory()) {
    if (!opts.allowDirectory) throw new InputError('is a directory; this command takes image sizes or files (mmplan tiles gives the distribution over a directory)', spec, '--image');
    const files = readdirSync(spec)
      .filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase()))
      .sort();
    if (files.length === 0) throw new InputError('no image files found in this directory', spec, '--image');
    return files.map((f) => ({ ...imageFileSize(join(spec, f)), name: f }));
  }
  return [{ ...imageFileSize(spec), name: spec }];
}

export function resolveImages(specs: string[], opts: { allowDirectory: boolean }): NamedImage[] {
  return specs.flatMap((s) => resolveImageSpec(s, opts));
}
