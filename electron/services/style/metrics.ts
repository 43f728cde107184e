/**
 * Image measures used by the acceptance tests, the recipe README and the benchmarks: how far a
 * styled image moved from its input, whether it kept the face's structure, and whether it
 * carries an artwork's marks. Pure functions on 8-bit RGB images.
 */
import type { RgbImage } from '../images/decode.js';

function sameSize(a: RgbImage, b: RgbImage): void {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`size mismatch: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
}

/** Mean absolute difference per channel value, in 8-bit levels. */
export function meanAbsDiff(a: RgbImage, b: RgbImage): number {
  sameSize(a, b);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i]! - b.data[i]!);
  return s / a.data.length;
}

/** PSNR in dB for 8-bit images; Infinity when identical. */
export function psnr(a: RgbImage, b: RgbImage): number {
  sameSize(a, b);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i]! - b.data[i]!) ** 2;
  const mse = s / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

export function luma(img: RgbImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (0.299 * img.data[3 * i]! + 0.587 * img.data[3 * i + 1]! + 0.114 * img.data[3 * i + 2]!) / 255;
  return out;
}

/** Separable box blur with clamped borders (radius r). */
function boxBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += src[y * w + Math.min(w - 1, Math.max(0, x + k))]!;
      tmp[y * w + x] = s / n;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x]!;
      out[y * w + x] = s / n;
    }
  }
  return out;
}

/**
 * Sobel gradient magnitude of the luminance after a box blur of radius `smooth`: the 7-pixel
 * box keeps the measure about the picture's structure (outlines, features), not about paper
 * grain, halftone dots or hatching (periods ≤ 7 px) that a style adds on purpose.
 */
export function edgeMap(img: RgbImage, smooth = 3): Float32Array {
  const { width: w, height: h } = img;
  const l = boxBlur(luma(img), w, h, smooth);
  const at = (x: number, y: number) => l[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))]!;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      out[y * w + x] = Math.hypot(gx, gy);
    }
  }
  return out;
}

/** Pearson correlation; 0 when either side is constant. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) [ma, mb] = [ma + a[i]!, mb + b[i]!];
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

export function edgeCorrelation(a: RgbImage, b: RgbImage, smooth = 3): number {
  sameSize(a, b);
  return correlation(edgeMap(a, smooth), edgeMap(b, smooth));
}

/** Every `stride`-th raw 5×5 RGB patch (75 values in 0..1), row-major positions. */
export function patches(img: RgbImage, stride: number, size = 5): Float32Array[] {
  const out: Float32Array[] = [];
  for (let y = 0; y + size <= img.height; y += stride) {
    for (let x = 0; x + size <= img.width; x += stride) {
      const p = new Float32Array(size * size * 3);
      let o = 0;
      for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) for (let c = 0; c < 3; c++) p[o++] = img.data[3 * ((y + dy) * img.width + x + dx) + c]! / 255;
      out.push(p);
    }
  }
  return out;
}

/**
 * Mean Euclidean distance from each of `query`'s patches to its nearest patch in `reference`:
 * how well an image is made of another's marks (the issue's acceptance measure).
 */
export function meanNearestPatchDistance(query: readonly Float32Array[], reference: readonly Float32Array[]): number {
  let total = 0;
  for (const q of query) {
    let best = Infinity;
    for (const r of reference) {
      let d = 0;
      for (let i = 0; i < q.length && d < best; i++) d += (q[i]! - r[i]!) ** 2;
      if (d < best) best = d;
    }
    total += Math.sqrt(best);
  }
  return total / query.length;
}

/** Mean and standard deviation per RGB channel (0..1): the "statistics distance" of strength. */
export function channelStats(img: RgbImage): number[] {
  const n = img.width * img.height;
  const out: number[] = [];
  for (let c = 0; c < 3; c++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = img.data[3 * i + c]! / 255;
      s += v;
      s2 += v * v;
    }
    const m = s / n;
    out.push(m, Math.sqrt(Math.max(0, s2 / n - m * m)));
  }
  return out;
}

export function statsDistance(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));
}
