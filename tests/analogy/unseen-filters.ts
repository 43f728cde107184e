/**
 * A validation set for the analogy measure: filters that no engine choice was tuned on (the
 * tuning uses filters.ts's four on demo samples 1–3). They stand in for the issue owners' hidden
 * set (charcoal, pencil sketch, oil and poster filters) and differ from filters.ts in kind or in
 * parameters: a dodge-blend sketch instead of a thresholded DoG, grain and smudged strokes instead
 * of a line screen, a median and a bilateral cartoon instead of Kuwahara strokes, fixed bit-level
 * and luminance-threshold posters instead of a per-channel palette. Same rules as filters.ts:
 * pure, deterministic, local and stationary.
 */
import { clamp01, fromGrey, gaussian, grey, type Filter } from './filters.js';

/** A fixed pseudo-random value in 0..1 per pixel position: the paper, the same under every photo. */
function grain(x: number, y: number): number {
  let v = Math.imul(x + 1, 374761393) ^ Math.imul(y + 1, 668265263);
  v = Math.imul(v ^ (v >>> 13), 1274126177);
  return ((v ^ (v >>> 16)) >>> 0) / 4294967296;
}

/** Pencil sketch: the grey photo colour-dodged by its blurred inverse (the classic recipe), darkened, graphite on white. */
export const pencilSketch: Filter = (img) => {
  const { width: w, height: h } = img;
  const g = grey(img);
  const inv = gaussian(g.map((v) => 1 - v), w, h, 4);
  const out = g.map((v, i) => clamp01(v / Math.max(1e-3, 1 - inv[i]!)) ** 2.5);
  return fromGrey(out, w, h, [0.16, 0.16, 0.19], [0.98, 0.98, 0.96]);
};

/** Coloured pencil: each colour channel dodged by the blurred inverse grey (the sketch above, in colour: pale tints on white). */
export const colourPencil: Filter = (img) => {
  const { width: w, height: h } = img;
  const inv = gaussian(grey(img).map((v) => 1 - v), w, h, 4);
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(255 * clamp01(img.data[3 * i + c]! / 255 / Math.max(1e-3, 1 - inv[i]!)) ** 1.5);
  return { width: w, height: h, data };
};

/**
 * Charcoal: the dark tones and the photo's dark edges, laid as marks through the paper's grain,
 * then smudged along one diagonal (a 7-pixel line mean), black on grey-beige paper.
 */
export const charcoal: Filter = (img) => {
  const { width: w, height: h } = img;
  const g = grey(img);
  const t = gaussian(g, w, h, 2.5);
  const a = gaussian(g, w, h, 1.2);
  const b = gaussian(g, w, h, 3);
  const tooth = gaussian(Float32Array.from({ length: w * h }, (_, i) => grain(i % w, Math.floor(i / w))), w, h, 0.7);
  const mark = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const dark = clamp01((0.78 - t[i]!) * 1.6) + clamp01(-14 * (a[i]! - b[i]!));
    mark[i] = clamp01(3 * (dark - 0.9 * (tooth[i]! - 0.5) - 0.35));
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -3; k <= 3; k++) s += mark[Math.min(h - 1, Math.max(0, y + k)) * w + Math.min(w - 1, Math.max(0, x + k))]!;
      out[y * w + x] = 1 - 0.9 * (s / 7);
    }
  return fromGrey(out, w, h, [0.07, 0.06, 0.06], [0.88, 0.86, 0.8]);
};

/**
 * Oil: each pixel takes the colour of the pixel of median luminance in its 9×9 window (a median
 * filter that keeps colours whole: flat dabs, kept edges), then saturation ×1.4 and contrast ×1.15.
 */
export const oil: Filter = (img) => {
  const { width: w, height: h } = img;
  const l = grey(img);
  const r = 4;
  const idx = new Int32Array((2 * r + 1) ** 2);
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) idx[n++] = Math.min(h - 1, Math.max(0, y + j)) * w + Math.min(w - 1, Math.max(0, x + i));
      const med = [...idx].sort((p, q) => l[p]! - l[q]!)[idx.length >> 1]!;
      const col = [0, 1, 2].map((c) => img.data[3 * med + c]! / 255);
      const m = (col[0]! + col[1]! + col[2]!) / 3;
      for (let c = 0; c < 3; c++) data[3 * (y * w + x) + c] = Math.round(255 * clamp01(0.5 + 1.15 * (m + 1.4 * (col[c]! - m) - 0.5)));
    }
  return { width: w, height: h, data };
};

/**
 * Cartoon: three bilateral passes (σ 2 px, range σ 0.1 on luminance), luminance softly quantised
 * into 6 bands (Winnemöller et al. 2006) with the colour scaled along, and dark DoG outlines.
 */
export const cartoon: Filter = (img) => {
  const { width: w, height: h } = img;
  const n = w * h;
  let rgb = [0, 1, 2].map((c) => Float32Array.from({ length: n }, (_, i) => img.data[3 * i + c]! / 255));
  const r = 4;
  for (let pass = 0; pass < 3; pass++) {
    const l = rgb[0]!.map((v, i) => 0.299 * v + 0.587 * rgb[1]![i]! + 0.114 * rgb[2]![i]!);
    const next = rgb.map(() => new Float32Array(n));
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const o = y * w + x;
        let ws = 0;
        const acc = [0, 0, 0];
        for (let j = -r; j <= r; j++)
          for (let i = -r; i <= r; i++) {
            const q = Math.min(h - 1, Math.max(0, y + j)) * w + Math.min(w - 1, Math.max(0, x + i));
            const wt = Math.exp(-(i * i + j * j) / 8 - (l[q]! - l[o]!) ** 2 / 0.02);
            ws += wt;
            for (let c = 0; c < 3; c++) acc[c]! += wt * rgb[c]![q]!;
          }
        for (let c = 0; c < 3; c++) next[c]![o] = acc[c]! / ws;
      }
    rgb = next;
  }
  const g = grey(img);
  const a = gaussian(g, w, h, 1);
  const b = gaussian(g, w, h, 1.6);
  const bands = 6;
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const l = 0.299 * rgb[0]![i]! + 0.587 * rgb[1]![i]! + 0.114 * rgb[2]![i]!;
    const base = Math.floor(l * bands) / bands;
    const q = base + (0.5 / bands) * (1 + Math.tanh(12 * (l - base - 0.5 / bands)));
    const edge = b[i]! - a[i]! > 0.02 ? 0.25 : 1;
    for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(255 * clamp01(((rgb[c]![i]! * q) / Math.max(0.02, l)) * edge));
  }
  return { width: w, height: h, data };
};

/** PIL's ImageOps.posterize(img, 2): the top two bits of every channel (levels 0, 64, 128, 192), no smoothing. */
export const posterizeBits: Filter = (img) => ({ width: img.width, height: img.height, data: img.data.map((v) => v & 0xc0) });

/** A three-ink screen print: smoothed luminance at thresholds 0.38 and 0.62 → navy, vermilion, cream paper. */
export const screenPrint: Filter = (img) => {
  const { width: w, height: h } = img;
  const t = gaussian(grey(img), w, h, 1.2);
  const inks = [
    [0.1, 0.15, 0.32],
    [0.88, 0.4, 0.22],
    [0.96, 0.92, 0.8],
  ];
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    const ink = inks[t[i]! < 0.38 ? 0 : t[i]! < 0.62 ? 1 : 2]!;
    for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(255 * ink[c]!);
  }
  return { width: w, height: h, data };
};

export const UNSEEN_FILTERS: Record<'pencil' | 'colourpencil' | 'charcoal' | 'oil' | 'cartoon' | 'posterize' | 'screenprint', Filter> = {
  pencil: pencilSketch,
  colourpencil: colourPencil,
  charcoal,
  oil,
  cartoon,
  posterize: posterizeBits,
  screenprint: screenPrint,
};
