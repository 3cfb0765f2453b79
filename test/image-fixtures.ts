/**
 * Minimal image files with known sizes, built byte by byte (only the headers a size reader needs):
 * PNG (signature + IHDR), GIF (logical screen descriptor), JPEG (SOI + JFIF APP0 + SOF0), WebP (VP8X canvas).
 */
import { writeFileSync } from 'node:fs';

const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16be = (n: number) => [(n >>> 8) & 255, n & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const u24le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];

export function png(w: number, h: number): Buffer {
  const ihdr = [...u32be(w), ...u32be(h), 8, 2, 0, 0, 0];
  return Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...u32be(13), ...Buffer.from('IHDR'), ...ihdr, 0, 0, 0, 0]);
}
export function gif(w: number, h: number): Buffer {
  return Buffer.from([...Buffer.from('GIF89a'), ...u16le(w), ...u16le(h), 0, 0, 0, 0x3b]);
}
export function jpeg(w: number, h: number): Buffer {
  const app0 = [0xff, 0xe0, ...u16be(16), ...Buffer.from('JFIF\0'), 1, 1, 0, ...u16be(1), ...u16be(1), 0, 0];
  const sof = [0xff, 0xc0, ...u16be(17), 8, ...u16be(h), ...u16be(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}
export function webp(w: number, h: number): Buffer {
  const vp8x = [...Buffer.from('VP8X'), ...[10, 0, 0, 0], 0, 0, 0, 0, ...u24le(w - 1), ...u24le(h - 1)];
  const body = [...Buffer.from('WEBP'), ...vp8x];
  return Buffer.from([...Buffer.from('RIFF'), ...[body.length & 255, (body.length >>> 8) & 255, 0, 0], ...body]);
}

export function writeImage(file: string, kind: 'png' | 'gif' | 'jpeg' | 'webp', w: number, h: number): void {
  writeFileSync(file, { png, gif, jpeg, webp }[kind](w, h));
}
