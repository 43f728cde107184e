/**
 * A face parsing as files: the label image (8-bit grey PNG, pixel = class index; DESIGN §7) and,
 * for people, each class in its own colour over a transparent background
 * (the Faces tab's overlay), downscaled by nearest label so class edges stay crisp.
 */
import sharp from 'sharp';
import type { Parsing } from './parse.js';
import { PARSING_CLASSES, type ParsingClass } from './parsing-classes.js';

/** One colour per class, chosen so neighbouring classes (lips/mouth, brows/eyes/skin) differ. */
export const PARSING_COLOURS: Record<ParsingClass, [number, number, number]> = {
  background: [0, 0, 0],
  skin: [255, 204, 153],
  l_brow: [153, 76, 0],
  r_brow: [204, 102, 0],
  l_eye: [0, 102, 255],
  r_eye: [0, 204, 255],
  eye_g: [255, 255, 0],
  l_ear: [255, 0, 0],
  r_ear: [204, 0, 0],
  ear_r: [255, 0, 255],
  nose: [0, 204, 0],
  mouth: [255, 255, 102],
  u_lip: [255, 0, 102],
  l_lip: [204, 0, 153],
  neck: [0, 153, 153],
  neck_l: [0, 255, 204],
  cloth: [128, 128, 128],
  hair: [128, 0, 255],
  hat: [255, 255, 255],
};

/** RGBA pixels (background transparent) no larger than maxSide on the longer side. */
export function overlayPixels(p: Parsing, maxSide: number): { width: number; height: number; data: Uint8Array } {
  const k = Math.min(1, maxSide / Math.max(p.width, p.height));
  const width = Math.max(1, Math.round(p.width * k));
  const height = Math.max(1, Math.round(p.height * k));
  const data = new Uint8Array(width * height * 4);
  const colours = PARSING_CLASSES.map((c) => PARSING_COLOURS[c]);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(p.height - 1, Math.floor((y + 0.5) / k));
    for (let x = 0; x < width; x++) {
      const label = p.labels[sy * p.width + Math.min(p.width - 1, Math.floor((x + 0.5) / k))]!;
      if (label === 0) continue;
      const o = 4 * (y * width + x);
      data.set(colours[label]!, o);
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

export async function labelsPng(p: Parsing): Promise<Uint8Array> {
  const buf = await sharp(p.labels, { raw: { width: p.width, height: p.height, channels: 1 } }).toColourspace('b-w').png({ compressionLevel: 9 }).toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export async function overlayPng(p: Parsing, maxSide: number): Promise<Uint8Array> {
  const o = overlayPixels(p, maxSide);
  const buf = await sharp(o.data, { raw: { width: o.width, height: o.height, channels: 4 } }).png({ compressionLevel: 6 }).toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
