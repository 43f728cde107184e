/**
 * Guide channels for patch synthesis: what tells the search which part of the artwork belongs
 * where on the sitter. The appearance guide (StyLit's "blurred luminance", Fišer 2016/2017) is on
 * every style; positional and region guides (Fišer 2017) only when both the artwork and the photo
 * hold a face. Pure functions on typed arrays.
 */
import { blur } from '../../faces/raster.js';
import type { Point } from '../../../../common/geometry.js';

export interface Rgb8 {
  width: number;
  height: number;
  data: Uint8Array;
}

export function luminance(img: Rgb8): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (0.299 * img.data[3 * i]! + 0.587 * img.data[3 * i + 1]! + 0.114 * img.data[3 * i + 2]!) / 255;
  return out;
}

/** ≈ Gaussian blur of σ ≈ r (faces/raster.ts: three box passes, clamped edges, O(pixels) for any r). */
export function boxBlur3(src: Float32Array, w: number, h: number, r: number): Float32Array {
  return blur({ width: w, height: h, data: src }, r).data;
}

/**
 * Remaps `values` so their histogram matches `reference`'s (1024 bins over 0..1): the photo's tones
 * are laid on the artwork's, so a dark drawing's darks meet the photo's darks whatever the exposure.
 */
export function matchHistogram(values: Float32Array, reference: Float32Array): Float32Array {
  const BINS = 1024;
  const cdf = (v: Float32Array) => {
    const h = new Float64Array(BINS);
    for (let i = 0; i < v.length; i++) h[Math.min(BINS - 1, Math.max(0, Math.floor(v[i]! * BINS)))]! += 1;
    for (let i = 1; i < BINS; i++) h[i]! += h[i - 1]!;
    for (let i = 0; i < BINS; i++) h[i]! /= v.length;
    return h;
  };
  const cv = cdf(values);
  const cr = cdf(reference);
  const map = new Float32Array(BINS);
  let j = 0;
  for (let i = 0; i < BINS; i++) {
    while (j < BINS - 1 && cr[j]! < cv[i]!) j++;
    map[i] = (j + 0.5) / BINS;
  }
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = map[Math.min(BINS - 1, Math.max(0, Math.floor(values[i]! * BINS)))]!;
  return out;
}

/** Least-squares affine map taking the `from` points onto the `to` points: [a, b, c, d, e, f], x' = a·x + c·y + e, y' = b·x + d·y + f. */
export function fitAffine(from: readonly Point[], to: readonly Point[]): [number, number, number, number, number, number] {
  // Normal equations of [x y 1]·M = [x' y'], solved for both columns at once (3×3, Cramer).
  let sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0;
  const n = from.length;
  const bx = [0, 0, 0];
  const by = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    sxx += x * x; sxy += x * y; sx += x; syy += y * y; sy += y;
    bx[0]! += x * u; bx[1]! += y * u; bx[2]! += u;
    by[0]! += x * v; by[1]! += y * v; by[2]! += v;
  }
  const m = [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]];
  const det3 = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) - a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) + a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const det = det3(m);
  if (!(Math.abs(det) > 1e-9)) throw new RangeError('the landmarks are degenerate');
  const solve = (b: number[]) => [0, 1, 2].map((k) => det3(m.map((row, i) => row.map((v, j) => (j === k ? b[i]! : v)))) / det);
  const [a, c, e] = solve(bx);
  const [b, d, f] = solve(by);
  return [a!, b!, c!, d!, e!, f!];
}

/** Inter-ocular distance from the 68 landmarks (eye-centre to eye-centre). */
export function interOcular(lm: readonly Point[]): number {
  const mean = (from: number, to: number): Point => {
    let x = 0;
    let y = 0;
    for (let i = from; i < to; i++) [x, y] = [x + lm[i]![0], y + lm[i]![1]];
    return [x / (to - from), y / (to - from)];
  };
  const l = mean(36, 42);
  const r = mean(42, 48);
  return Math.hypot(r[0] - l[0], r[1] - l[1]) || 1;
}

/** Cb and Cr planes (BT.601, 0-centred, 0..1 units). */
export function chroma(img: Rgb8): [Float32Array, Float32Array] {
  const n = img.width * img.height;
  const cb = new Float32Array(n);
  const cr = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = img.data[3 * i]! / 255;
    const g = img.data[3 * i + 1]! / 255;
    const b = img.data[3 * i + 2]! / 255;
    cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
    cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  return [cb, cr];
}
