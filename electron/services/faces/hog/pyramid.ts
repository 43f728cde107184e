/**
 * dlib's pyramid_down<6> on RGB images: each level is 5/6 of the one above, resized bilinearly
 * the way dlib's RGB resize_image does it, to the bit. Its vectorised loop steps x in float32
 * four columns at a time and truncates, so those columns are emulated with Math.fround; the last
 * columns (where the four-wide step would read past the edge) take its double-precision loop.
 * Matching the pixels matters because the HOG features, and so the scores, are built from them.
 */
import type { RgbImage } from '../../images/decode.js';

const f = Math.fround;
const DOWN = 5 / 6;
const UP = 6 / 5;

/** One column's bilinear taps: left source column, its weight (1 − frac) and the right one's (frac). */
interface ColumnTaps {
  left: Int32Array;
  right: Int32Array;
  frac: Float64Array;
  /** Columns below this use float32 weights (dlib's SIMD loop), the rest double. */
  simdEnd: number;
}

function columnTaps(inW: number, outW: number): ColumnTaps {
  const scale = (inW - 1) / Math.max(outW - 1, 1);
  const left = new Int32Array(outW);
  const right = new Int32Array(outW);
  const frac = new Float64Array(outW);
  const start = -4 * scale;
  const lanes = [f(start), f(start + scale), f(start + 2 * scale), f(start + 3 * scale)];
  const step = f(4 * scale);
  let c = 0;
  for (; c < outW; c += 4) {
    for (let k = 0; k < 4; k++) lanes[k] = f(lanes[k]! + step);
    if (Math.trunc(lanes[3]!) + 1 >= inW) break;
    for (let k = 0; k < 4 && c + k < outW; k++) {
      const l = Math.trunc(lanes[k]!);
      left[c + k] = l;
      right[c + k] = l + 1;
      frac[c + k] = f(lanes[k]! - l);
    }
  }
  const simdEnd = Math.min(c, outW);
  let x = -scale + simdEnd * scale;
  for (let cc = simdEnd; cc < outW; cc++) {
    x += scale;
    const l = Math.floor(x);
    left[cc] = l;
    right[cc] = Math.min(l + 1, inW - 1);
    frac[cc] = x - l;
  }
  return { left, right, frac, simdEnd };
}

/** One pyramid_down<6> step: (5·h)/6 × (5·w)/6 (integer division), bilinear. */
export function pyramidDown(img: RgbImage): RgbImage {
  const { width: inW, height: inH, data: src } = img;
  const outW = Math.floor((5 * inW) / 6);
  const outH = Math.floor((5 * inH) / 6);
  const out = new Uint8Array(outW * outH * 3);
  if (outW === 0 || outH === 0) return { width: outW, height: outH, data: out };
  const cols = columnTaps(inW, outW);
  const yScale = (inH - 1) / Math.max(outH - 1, 1);
  let y = -yScale;
  for (let r = 0; r < outH; r++) {
    y += yScale;
    const top = Math.floor(y);
    const bottom = Math.min(top + 1, inH - 1);
    const tb = y - top;
    const tbF = f(tb);
    const invTbF = f(1 - tb);
    const topRow = top * inW * 3;
    const bottomRow = bottom * inW * 3;
    let o = r * outW * 3;
    for (let c = 0; c < cols.simdEnd; c++, o += 3) {
      const lr = cols.frac[c]!;
      const invLr = f(1 - lr);
      const tlf = f(invTbF * invLr);
      const trf = f(invTbF * lr);
      const blf = f(tbF * invLr);
      const brf = f(tbF * lr);
      const l = cols.left[c]! * 3;
      const rr = cols.right[c]! * 3;
      for (let ch = 0; ch < 3; ch++) {
        const v = f(f(f(f(tlf * src[topRow + l + ch]!) + f(trf * src[topRow + rr + ch]!)) + f(blf * src[bottomRow + l + ch]!)) + f(brf * src[bottomRow + rr + ch]!));
        out[o + ch] = Math.trunc(v);
      }
    }
    for (let c = cols.simdEnd; c < outW; c++, o += 3) {
      const lr = cols.frac[c]!;
      const l = cols.left[c]! * 3;
      const rr = cols.right[c]! * 3;
      for (let ch = 0; ch < 3; ch++) {
        const v = (1 - tb) * ((1 - lr) * src[topRow + l + ch]! + lr * src[topRow + rr + ch]!) + tb * ((1 - lr) * src[bottomRow + l + ch]! + lr * src[bottomRow + rr + ch]!);
        out[o + ch] = Math.trunc(v);
      }
    }
  }
  return { width: outW, height: outH, data: out };
}

/** dlib's drectangle → rectangle: each edge to the nearest integer, halves up. */
const nearest = (v: number): number => Math.floor(v + 0.5);

/**
 * How many levels dlib scans: it shrinks the image's rectangle (not the images, whose sizes
 * round differently) until a side falls below the minimum, counting the level that did.
 */
export function pyramidLevels(width: number, height: number, minWidth: number, minHeight: number, maxLevels: number): number {
  let [l, t, r, b] = [0, 0, width - 1, height - 1];
  let levels = 0;
  do {
    [l, t, r, b] = [l, t, r, b].map((v) => nearest((v - 0.3) * DOWN)) as [number, number, number, number];
    levels++;
  } while (r - l + 1 >= minWidth && b - t + 1 >= minHeight && levels < maxLevels);
  return levels;
}

/** A level's rectangle [l, t, r, b] (inclusive) in the original image's pixels. */
export function rectUp(rect: readonly [number, number, number, number], levels: number): [number, number, number, number] {
  return rect.map((v) => {
    let p = v;
    for (let i = 0; i < levels; i++) p = p * UP + 0.3;
    return nearest(p);
  }) as [number, number, number, number];
}
