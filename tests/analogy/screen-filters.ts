/**
 * Screened artworks the synthesis engine was not tuned on (issue #12's hidden set holds other
 * filters): a halftone dot screen and an engraving's line screen, each at a period and angle unlike
 * hatching's (5 px at 45°, tests/analogy/filters.ts). Like those filters they are pure,
 * deterministic, local and stationary, with the screen fixed in image coordinates, so A′ = F(A) and
 * B′ = F(B) share one screen.
 */
import type { RgbImage } from '../../electron/services/images/decode.js';
import { gaussian } from './filters.js';

type Filter = (img: RgbImage) => RgbImage;

function tone(img: RgbImage, sigma: number): Float32Array {
  const n = img.width * img.height;
  const g = new Float32Array(n);
  for (let i = 0; i < n; i++) g[i] = (0.299 * img.data[3 * i]! + 0.587 * img.data[3 * i + 1]! + 0.114 * img.data[3 * i + 2]!) / 255;
  return gaussian(g, img.width, img.height, sigma);
}

/** Ink (0) or paper (1) per pixel, softened half a pixel (a print's edge), in two colours. */
function print(ink01: Float32Array, w: number, h: number, ink: [number, number, number], paper: [number, number, number]): RgbImage {
  const soft = gaussian(ink01, w, h, 0.5);
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(255 * (ink[c]! + (paper[c]! - ink[c]!) * soft[i]!));
  return { width: w, height: h, data };
}

/**
 * Halftone: round dots on a square lattice of period 6 px turned 15°, each dot's area the tone's
 * darkness (dots merge past ~78 %), dark brown on newsprint.
 */
export const halftoneDots: Filter = (img) => {
  const { width: w, height: h } = img;
  const t = tone(img, 1.5);
  const period = 6;
  const [c, s] = [Math.cos((15 * Math.PI) / 180), Math.sin((15 * Math.PI) / 180)];
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const u = (c * x + s * y) / period;
      const v = (-s * x + c * y) / period;
      const d = Math.hypot(u - Math.round(u), v - Math.round(v));
      out[y * w + x] = d < Math.sqrt((1 - t[y * w + x]!) / Math.PI) ? 0 : 1;
    }
  return print(out, w, h, [0.2, 0.13, 0.08], [0.95, 0.93, 0.86]);
};

/**
 * Engraving: one line screen of period 4 px at −30°, the lines swelling with the darkness (an
 * engraver's burin cuts deeper in the shadows), black on ivory.
 */
export const engraving: Filter = (img) => {
  const { width: w, height: h } = img;
  const t = tone(img, 1);
  const period = 4;
  const [c, s] = [Math.cos((-30 * Math.PI) / 180), Math.sin((-30 * Math.PI) / 180)];
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const u = (c * x + s * y) / period;
      const f = 2 * Math.abs(u - Math.round(u)); // 0 on the line, 1 between
      out[y * w + x] = f < Math.pow(1 - t[y * w + x]!, 0.8) ? 0 : 1;
    }
  return print(out, w, h, [0.05, 0.05, 0.06], [0.98, 0.96, 0.9]);
};

export const SCREEN_FILTERS: Record<'halftone' | 'engraving', Filter> = { halftone: halftoneDots, engraving };
