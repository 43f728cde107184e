/**
 * Tone measures and the tone-normalised copy the rescue pass (rescue.ts) shows SSD: an old
 * faded print or a face in strong light uses a narrow or clipped band of grey, which SSD
 * (trained on well-exposed colour photos) scores low. A levels stretch between the 1st and 99th
 * luma percentiles restores a faded print's range exactly (fading is close to linear), and a
 * gamma that brings the median luma to the middle pulls an overexposed photo's faces out of the
 * highlights. Pure pixel maths: a lookup table per photo, applied to all three channels alike.
 */
import type { RgbImage } from '../images/decode.js';

/** Luma percentiles the stretch maps to 0 and 255. */
export const LOW_PERCENTILE = 0.01;
export const HIGH_PERCENTILE = 0.99;
/** Where the median luma lands after normalising (0…1). */
export const TARGET_MEDIAN = 0.45;
/** Pixels sampled per axis for the histogram (a 1920-px photo read every 15th pixel). */
const SAMPLES = 128;

export interface ToneStats {
  /** Luma (Rec. 601, 0…255) at the low, median and high percentile. */
  low: number;
  median: number;
  high: number;
  /** Fraction of sampled pixels with luma ≥ 250 (blown highlights). */
  clipped: number;
  /** Mean |r − g| + |g − b| over the samples: 0 for a greyscale photo. */
  chroma: number;
}

export function toneStats(img: RgbImage): ToneStats {
  const hist = new Uint32Array(256);
  const stepX = Math.max(1, Math.floor(img.width / SAMPLES));
  const stepY = Math.max(1, Math.floor(img.height / SAMPLES));
  let n = 0;
  let clipped = 0;
  let chroma = 0;
  for (let y = 0; y < img.height; y += stepY) {
    for (let x = 0; x < img.width; x += stepX) {
      const o = 3 * (y * img.width + x);
      const r = img.data[o]!;
      const g = img.data[o + 1]!;
      const b = img.data[o + 2]!;
      const l = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      hist[l]!++;
      if (l >= 250) clipped++;
      chroma += Math.abs(r - g) + Math.abs(g - b);
      n++;
    }
  }
  const at = (q: number): number => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= q * n) return v;
    }
    return 255;
  };
  return { low: at(LOW_PERCENTILE), median: at(0.5), high: at(HIGH_PERCENTILE), clipped: clipped / n, chroma: chroma / n };
}

/** The levels stretch low…high → 0…255, then the gamma that sends the stretched median to TARGET_MEDIAN, as a table. */
export function toneTable(s: Pick<ToneStats, 'low' | 'median' | 'high'>): Uint8Array {
  const span = Math.max(1, s.high - s.low);
  const m = Math.min(0.98, Math.max(0.02, (s.median - s.low) / span));
  const gamma = Math.log(TARGET_MEDIAN) / Math.log(m);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const t = Math.min(1, Math.max(0, (v - s.low) / span));
    table[v] = Math.round(255 * t ** gamma);
  }
  return table;
}

export function applyTable(img: RgbImage, table: Uint8Array): RgbImage {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = table[img.data[i]!]!;
  return { width: img.width, height: img.height, data };
}

export function normaliseTone(img: RgbImage, stats: ToneStats = toneStats(img)): RgbImage {
  return applyTable(img, toneTable(stats));
}
