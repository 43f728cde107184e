/**
 * What lies under the copied marks on faces. The guide (the sitter tone-mapped the artwork's way)
 * is drawn exactly on the sitter's features when the artwork's way keeps them: a line drawing's
 * guide is the sitter's own lines, which is what the artwork would have drawn there. But a
 * poster's few flat inks, or a painting's smoothing, leave a face in the guide one pale patch that
 * no detector finds, while the plain colour grade keeps every feature. So the guide's share on
 * faces follows how strongly it still carries the sitter's fine detail: the slope of its fine
 * luminance band on the grade's, over the faces.
 */
import { gaussianBlur } from '../../images/gaussian.js';
import { unitOf } from './pseudo-artwork.js';

/**
 * The fine band's scale: luminance less its blur at 1 unit (1 px per 256 px of the short side),
 * the scale of the guide's own detail term (pseudo-artwork.ts).
 */
const BAND_SIGMA = 1;

/**
 * The slopes over which the guide takes over from the grade. Measured (tuning photos 1–3 and the
 * face tests): drawn lines 3.3–3.9, hatching 0.8–1.8, posterised 0.6–1.2, painterly 0.16–1.6, the
 * face tests' four-ink poster 0.14 (its face is lost at a guide share of 0.14: SSD score 0.37
 * against 0.44–0.51 with the grade), the painterly portrait on sample4 0.58 (lost at share 1).
 */
export const GUIDE_RAMP: readonly [number, number] = [0.5, 1.5];

/** Luminance (0..1) of interleaved RGB in 0..`scale`, over the rectangle [x0, x1) × [y0, y1) of a `w`-wide image. */
function luma(rgb: ArrayLike<number>, w: number, scale: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const out = new Float32Array((x1 - x0) * (y1 - y0));
  for (let y = y0, o = 0; y < y1; y++)
    for (let x = x0; x < x1; x++, o++) {
      const i = 3 * (y * w + x);
      out[o] = (0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!) / scale;
    }
  return out;
}

function fineBand(l: Float32Array, w: number, h: number, sigma: number): Float32Array {
  const b = gaussianBlur(l, w, h, sigma);
  return l.map((v, i) => v - b[i]!);
}

/**
 * The weighted least-squares slope of the guide's fine luminance band on the grade's (`weight`:
 * the face weight): 1 = the guide shows the sitter's fine features as strongly as the grade, 0 =
 * not at all, above 1 = drawn more strongly (a line drawing). 0 with no weight. Computed on the
 * faces' bounding box padded by the blur's reach (a face is a small part of most photos).
 */
export function featureSlope(guide: Uint8Array, graded: Float32Array, weight: Float32Array, w: number, h: number): number {
  let [x0, y0, x1, y1] = [w, h, 0, 0];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (weight[y * w + x]! > 0) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
  if (x1 <= x0) return 0;
  const sigma = BAND_SIGMA * unitOf({ width: w, height: h });
  const pad = Math.ceil(3 * sigma) + 1;
  [x0, y0, x1, y1] = [Math.max(0, x0 - pad), Math.max(0, y0 - pad), Math.min(w, x1 + pad), Math.min(h, y1 + pad)];
  const cw = x1 - x0;
  const ch = y1 - y0;
  const g = fineBand(luma(guide, w, 255, x0, y0, x1, y1), cw, ch, sigma);
  const p = fineBand(luma(graded, w, 1, x0, y0, x1, y1), cw, ch, sigma);
  let gp = 0;
  let pp = 0;
  for (let y = 0, o = 0; y < ch; y++)
    for (let x = 0; x < cw; x++, o++) {
      const s = weight[(y + y0) * w + x + x0]!;
      gp += s * g[o]! * p[o]!;
      pp += s * p[o]! * p[o]!;
    }
  return pp > 0 ? gp / pp : 0;
}

/** The guide's share under the marks on faces, 0..1, for a feature slope: a ramp over GUIDE_RAMP. */
export function guideShare(slope: number): number {
  const [lo, hi] = GUIDE_RAMP;
  return Math.min(1, Math.max(0, (slope - lo) / (hi - lo)));
}

/**
 * Turns `graded` (RGB 0..1, 3 per pixel) in place into what faces keep under the marks: the guide
 * (RGB 0..255) by its share, the grade for the rest.
 */
export function faceUnder(guide: Uint8Array, graded: Float32Array, weight: Float32Array, w: number, h: number): void {
  const a = guideShare(featureSlope(guide, graded, weight, w, h));
  if (a === 0) return;
  for (let i = 0; i < graded.length; i++) graded[i] = a * (guide[i]! / 255) + (1 - a) * graded[i]!;
}
