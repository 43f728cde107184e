/**
 * The analogy set's artwork filters (issue #12 acceptance): four ways an artist turns a photo into
 * marks — drawn lines, hatching, posterised flats, painterly strokes. Each is a pure, deterministic
 * function of an 8-bit RGB image, local and stationary (the same rule everywhere), so A′ = F(A) and
 * B′ = F(B) are one style on two photos. They are deliberately unlike the shipped drawing graphs.
 */
import type { RgbImage } from '../../electron/services/images/decode.js';
import { gaussianBlur as gaussian } from '../../electron/services/images/gaussian.js';

export { gaussian };

export type Filter = (img: RgbImage) => RgbImage;

export const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

export function grey(img: RgbImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (0.299 * img.data[3 * i]! + 0.587 * img.data[3 * i + 1]! + 0.114 * img.data[3 * i + 2]!) / 255;
  return out;
}

export function fromGrey(g: Float32Array, w: number, h: number, ink: [number, number, number], paper: [number, number, number]): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(255 * (ink[c]! + (paper[c]! - ink[c]!) * clamp01(g[i]!)));
  return { width: w, height: h, data };
}

/**
 * Drawn lines: a thresholded difference of Gaussians (Winnemöller's XDoG, edge form) in sepia ink on
 * cream paper — outlines where the photo has edges, paper elsewhere, whatever the tone.
 */
export const drawnLines: Filter = (img) => {
  const { width: w, height: h } = img;
  const g = grey(img);
  const a = gaussian(g, w, h, 1);
  const b = gaussian(g, w, h, 1.6);
  const out = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) out[i] = 1 - clamp01(40 * (b[i]! - a[i]! - 0.012));
  return fromGrey(out, w, h, [0.22, 0.12, 0.06], [0.97, 0.93, 0.84]);
};

/**
 * Hatching: line screens whose stroke width follows the blurred tone — one direction past light
 * grey, crossed past mid grey, a third in the darks — blue-black ink on white.
 */
export const hatching: Filter = (img) => {
  const { width: w, height: h } = img;
  const t = gaussian(grey(img), w, h, 2);
  const out = new Float32Array(w * h);
  const period = 5;
  const screen = (u: number, dark: number) => {
    const f = Math.abs(((u % period) + period) % period - period / 2) / (period / 2); // 0 on the line, 1 between
    return f < dark ? 0 : 1;
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const d = 1 - t[y * w + x]!;
      let v = screen((x + y) / Math.SQRT2, clamp01((d - 0.2) * 1.4));
      v = Math.min(v, screen((x - y) / Math.SQRT2, clamp01((d - 0.45) * 1.6)));
      v = Math.min(v, screen(y, clamp01((d - 0.7) * 2)));
      out[y * w + x] = v;
    }
  return fromGrey(gaussian(out, w, h, 0.5), w, h, [0.1, 0.12, 0.25], [1, 1, 1]);
};

/** Posterised flats: smoothed, then four levels per channel through a warm screen-print palette, with dark outlines. */
export const posterised: Filter = (img) => {
  const { width: w, height: h } = img;
  const n = w * h;
  const planes = [0, 1, 2].map((c) => {
    const p = new Float32Array(n);
    for (let i = 0; i < n; i++) p[i] = img.data[3 * i + c]! / 255;
    return gaussian(p, w, h, 1.5);
  });
  const g = gaussian(grey(img), w, h, 1);
  const g2 = gaussian(g, w, h, 2);
  const tint = [
    [0.16, 0.1, 0.3],
    [0.85, 0.3, 0.25],
    [0.98, 0.75, 0.35],
    [1, 0.97, 0.85],
  ];
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const edge = g[i]! - g2[i]! < -0.03 ? 0.35 : 1;
    for (let c = 0; c < 3; c++) {
      const q = Math.min(3, Math.floor(planes[c]![i]! * 4));
      data[3 * i + c] = Math.round(255 * clamp01(tint[q]![c]! * edge));
    }
  }
  return { width: w, height: h, data };
};

/**
 * Painterly strokes: a Kuwahara filter (radius 3: flat patches, kept edges), smeared along the
 * local edge direction (a 9-pixel line mean along the structure tensor's flow), saturated.
 */
export const painterly: Filter = (img) => {
  const { width: w, height: h } = img;
  const n = w * h;
  const rgb = [0, 1, 2].map((c) => {
    const p = new Float32Array(n);
    for (let i = 0; i < n; i++) p[i] = img.data[3 * i + c]! / 255;
    return p;
  });
  const l = grey(img);
  const r = 3;
  const at = (p: Float32Array, x: number, y: number) => p[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))]!;
  const kuw = rgb.map(() => new Float32Array(n));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let best = Infinity;
      let bx = 0;
      let by = 0;
      for (const [sx, sy] of [[-1, -1], [1, -1], [-1, 1], [1, 1]] as const) {
        let s = 0;
        let s2 = 0;
        for (let j = 0; j <= r; j++)
          for (let i = 0; i <= r; i++) {
            const v = at(l, x + sx * i, y + sy * j);
            s += v;
            s2 += v * v;
          }
        const m = (r + 1) * (r + 1);
        const vr = s2 / m - (s / m) ** 2;
        if (vr < best) [best, bx, by] = [vr, sx, sy];
      }
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let j = 0; j <= r; j++) for (let i = 0; i <= r; i++) s += at(rgb[c]!, x + bx * i, y + by * j);
        kuw[c]![y * w + x] = s / ((r + 1) * (r + 1));
      }
    }
  // Flow: the structure tensor's minor eigenvector (along the edges), smoothed.
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      gx[y * w + x] = at(l, x + 1, y) - at(l, x - 1, y);
      gy[y * w + x] = at(l, x, y + 1) - at(l, x, y - 1);
    }
  const exx = gaussian(gx.map((v) => v * v), w, h, 3);
  const eyy = gaussian(gy.map((v) => v * v), w, h, 3);
  const exy = gaussian(gx.map((v, i) => v * gy[i]!), w, h, 3);
  const data = new Uint8Array(n * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const theta = 0.5 * Math.atan2(2 * exy[i]!, exx[i]! - eyy[i]!) + Math.PI / 2;
      const dx = Math.cos(theta);
      const dy = Math.sin(theta);
      const col = [0, 0, 0];
      for (let k = -4; k <= 4; k++) for (let c = 0; c < 3; c++) col[c]! += at(kuw[c]!, Math.round(x + k * dx), Math.round(y + k * dy)) / 9;
      const m = (col[0]! + col[1]! + col[2]!) / 3;
      for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(255 * clamp01(m + 1.5 * (col[c]! - m)));
    }
  return { width: w, height: h, data };
};

export const FILTERS: Record<'lines' | 'hatching' | 'posterised' | 'painterly', Filter> = { lines: drawnLines, hatching, posterised, painterly };
