/**
 * Hard versions of a photo for measuring face detectors (build/detector-recall.ts) and for the
 * detector's tests: the kinds of photo face-api was seen to miss faces on — old greyscale
 * portraits (grey, faded), strong light (overexposed) and small faces in a large frame. Pure
 * pixel maths on interleaved 8-bit RGB, so a face's box in the variant follows from the
 * original's by variantBox.
 */
import type { Box } from '../common/geometry.js';

export interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

export const VARIANTS = ['original', 'grey', 'faded', 'overexposed', 'small'] as const;
export type VariantName = (typeof VARIANTS)[number];

/** The faded print's tone range: grey squeezed into [FADED_LOW, FADED_LOW + 255·FADED_SPAN]. */
export const FADED_LOW = 90;
export const FADED_SPAN = 0.35;
/** Strong light: exposure × OVEREXPOSE, clipped at 255 (a face under a lamp or in the sun). */
export const OVEREXPOSE = 2.2;
/** Small faces: the photo scaled by SMALL_SCALE at the centre of a mid-grey frame of its own size. */
export const SMALL_SCALE = 0.3;

const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Rec. 601 luma in all three channels (what a black-and-white print keeps). */
export function toGrey(img: Rgb): Rgb {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i += 3) {
    const y = clamp8(0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!);
    out[i] = out[i + 1] = out[i + 2] = y;
  }
  return { width: img.width, height: img.height, data: out };
}

/** Each channel through v ↦ f(v), by a 256-entry table. */
export function mapTone(img: Rgb, f: (v: number) => number): Rgb {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = clamp8(f(v));
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = table[img.data[i]!]!;
  return { width: img.width, height: img.height, data: out };
}

/** A faded old print: grey, its tones squeezed into a narrow light band. */
export function faded(img: Rgb): Rgb {
  return mapTone(toGrey(img), (v) => FADED_LOW + FADED_SPAN * v);
}

export function overexposed(img: Rgb): Rgb {
  return mapTone(img, (v) => OVEREXPOSE * v);
}

/** The placement of the scaled photo inside the small-faces frame: offset and scale. */
export function smallPlacement(width: number, height: number): { x: number; y: number; scale: number; width: number; height: number } {
  const w = Math.max(1, Math.round(width * SMALL_SCALE));
  const h = Math.max(1, Math.round(height * SMALL_SCALE));
  return { x: Math.floor((width - w) / 2), y: Math.floor((height - h) / 2), scale: w / width, width: w, height: h };
}

/**
 * The photo shrunk by area averaging (each output pixel the mean of the source pixels its
 * footprint covers, weighted by coverage) into a mid-grey frame of the original size, so the
 * detector sees the same frame with faces SMALL_SCALE times as large.
 */
export function small(img: Rgb): Rgb {
  const p = smallPlacement(img.width, img.height);
  const out = new Uint8Array(img.data.length).fill(128);
  const sx = img.width / p.width;
  const sy = img.height / p.height;
  for (let oy = 0; oy < p.height; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < p.width; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      let r = 0;
      let g = 0;
      let b = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.min(img.height, Math.ceil(y1)); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.min(img.width, Math.ceil(x1)); x++) {
          const w = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
          const o = 3 * (y * img.width + x);
          r += w * img.data[o]!;
          g += w * img.data[o + 1]!;
          b += w * img.data[o + 2]!;
          area += w;
        }
      }
      const o = 3 * ((p.y + oy) * img.width + p.x + ox);
      out.set([clamp8(r / area), clamp8(g / area), clamp8(b / area)], o);
    }
  }
  return { width: img.width, height: img.height, data: out };
}

export function makeVariant(img: Rgb, name: VariantName): Rgb {
  switch (name) {
    case 'original':
      return img;
    case 'grey':
      return toGrey(img);
    case 'faded':
      return faded(img);
    case 'overexposed':
      return overexposed(img);
    case 'small':
      return small(img);
  }
}

/** Where a face boxed `box` in the original lies in the variant (only 'small' moves it). */
export function variantBox(box: Box, name: VariantName, width: number, height: number): Box {
  if (name !== 'small') return box;
  const p = smallPlacement(width, height);
  return [p.x + box[0] * p.scale, p.y + box[1] * p.scale, box[2] * p.scale, box[3] * p.scale];
}
