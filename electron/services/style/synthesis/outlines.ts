/**
 * A poster's outlines. Comics, screen prints and cel art draw dark lines along their shapes'
 * edges on top of the flat inks; a guide that quantises the smoothed photo into the inks draws
 * none, so the copied marks alone brought them, a pixel or two off the sitter's edges. The
 * outline model reads from the artwork how much of it is outline and how dark, and draws the
 * sitter's strongest dark edges (the most negative luminance difference of Gaussians) that way,
 * as much of the picture as the artwork gives its outlines.
 */
import { gaussianBlur } from '../../images/gaussian.js';
import { luminance, type Rgb8 } from './guides.js';
import { unitOf } from './pseudo-artwork.js';

export interface Outline {
  /** The share of the artwork's pixels that are outline. */
  share: number;
  /** An outline pixel is its ink times this (the median over the outline pixels). */
  darken: number;
  /** Per ink given to `outlineOf`: true for an outline ink (`outlineInks`), not one of the poster's fills. */
  outlineInk: boolean[];
}

/** Darker than this fraction of an ink (along the ink's own colour) to be its outline, not a blend. */
const MAX_DARKEN = 0.7;
/** How close (RGB 0..1, Euclidean) an outline pixel lies to the darkened ink: further is a blend of two inks. */
const FIT = 0.06;
/** Nearer than this to an ink, a pixel is that ink (JPEG noise, 6-bit binning). */
const NEAR_INK = 0.08;
/** Fewer outline pixels than this share: the artwork has no outlines. */
const MIN_SHARE = 0.005;

/** An ink within this of the outline's darkening times another ink is that ink's outline, not a fill. */
const SAME_DARKEN = 0.05;

/** `p` (RGB 0..1) as k × `ink`: the best k and the distance left. */
function along(p: readonly number[], ink: readonly [number, number, number]): { k: number; r: number } {
  const cc = ink[0] * ink[0] + ink[1] * ink[1] + ink[2] * ink[2];
  if (cc < 1e-6) return { k: 1, r: Infinity };
  const k = (p[0]! * ink[0] + p[1]! * ink[1] + p[2]! * ink[2]) / cc;
  return { k, r: Math.hypot(p[0]! - k * ink[0], p[1]! - k * ink[1], p[2]! - k * ink[2]) };
}

/**
 * Which of the inks are outlines: ≈ `darken` × another ink. Thick outlines hold flat areas of their
 * own and are read as inks (the posterised filter on demo sample6: a fifth level per channel at
 * 0.35 × the darkest, so the photo was cut into five bands instead of four).
 */
export function outlineInks(inks: ReadonlyArray<readonly [number, number, number]>, darken: number): boolean[] {
  return inks.map((c, i) =>
    inks.some((d, j) => {
      if (j === i) return false;
      const { k, r } = along(c, d);
      return r <= FIT && Math.abs(k - darken) <= SAME_DARKEN;
    }),
  );
}

/**
 * The artwork's outline, or undefined when it draws none. Its darkening is read off its flat
 * areas (pixels unlike one of their four neighbours), from pixels away from every ink and on the
 * dark side of one (≈ k × the ink, k ≤ MAX_DARKEN): what multiplying the inks along edges draws,
 * whatever the ink under it. Its share counts those pixels and the pixels of outline inks
 * (`outlineInks`: flat stretches of thick outlines).
 */
export function outlineOf(art: Rgb8, inks: ReadonlyArray<readonly [number, number, number]>): Outline | undefined {
  const { width: w, height: h, data } = art;
  if (!inks.length) return undefined;
  const ks: number[] = [];
  const rest: number[] = [];
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const o = 3 * i;
      let flat = true;
      for (const j of [i - 1, i + 1, i - w, i + w]) for (let c = 0; c < 3; c++) if (Math.abs(data[3 * j + c]! - data[o + c]!) > 3) flat = false;
      const p = [data[o]! / 255, data[o + 1]! / 255, data[o + 2]! / 255];
      let near = Infinity;
      let best = { k: 1, r: Infinity };
      for (const ink of inks) {
        near = Math.min(near, Math.hypot(p[0]! - ink[0], p[1]! - ink[1], p[2]! - ink[2]));
        const a = along(p, ink);
        if (a.r < best.r) best = a;
      }
      if (!flat && near > NEAR_INK && best.r <= FIT && best.k <= MAX_DARKEN) ks.push(best.k);
      else if (near <= NEAR_INK) rest.push(i);
    }
  if (ks.length < MIN_SHARE * w * h) return undefined;
  ks.sort((a, b) => a - b);
  const darken = Math.max(0, ks[ks.length >> 1]!);
  const mask = outlineInks(inks, darken);
  const outlines = inks.filter((_, k) => mask[k]);
  let thick = 0;
  for (const i of rest) {
    const p = [data[3 * i]! / 255, data[3 * i + 1]! / 255, data[3 * i + 2]! / 255];
    if (outlines.some((c) => Math.hypot(p[0]! - c[0], p[1]! - c[1], p[2]! - c[2]) <= NEAR_INK)) thick++;
  }
  return { share: (ks.length + thick) / (w * h), darken, outlineInk: mask };
}

/**
 * The DoG's scales in units (unitOf): a line a couple of units wide on the dark side of an edge.
 * On the tuning photos (posterised, guide alone, median ratio) σ 1 − 2.2: 0.740; 1 − 1.6: 0.741;
 * 0.7 − 1.5: 0.741; 1.5 − 3: 0.739 — the same; 1 − 2.2 had the lowest pairs overall. The share as
 * read (×1) against ×0.5 / ×1.5 / ×2: 0.740 against 0.744 / 0.737 / 0.733, the pairs' spread
 * growing (×2: one pair 0.30 → 0.41, another 0.95 → 1.10), so the artwork's own share.
 */
export const OUTLINE_DOG: readonly [number, number] = [1, 2.2];

/** A photo's luminance and its blur at OUTLINE_DOG[0] units, which the pseudo-artwork's own DoG shares. */
export interface PhotoBase {
  l: Float32Array;
  fine: Float32Array;
}

export function photoBase(photo: Rgb8): PhotoBase {
  const l = luminance(photo);
  return { l, fine: gaussianBlur(l, photo.width, photo.height, OUTLINE_DOG[0] * unitOf(photo)) };
}

/**
 * Darkens `guide` (RGB 0..255, in place) by the outline's factor on the photo's `share` most
 * negative luminance DoG pixels (only negative ones): the sitter's dark edges drawn as the
 * artwork draws its outlines, as many as the artwork has.
 */
export function drawOutlines(guide: Uint8Array, photo: Rgb8, outline: Pick<Outline, 'share' | 'darken'>, base: PhotoBase = photoBase(photo)): void {
  const { width: w, height: h } = photo;
  const b = gaussianBlur(base.l, w, h, OUTLINE_DOG[1] * unitOf(photo));
  const dog = base.fine.map((v, i) => v - b[i]!);
  // A typed array's own sort is numeric, and skips boxing a megapixel into a JS array for the comparator.
  const t = dog.slice().sort()[Math.min(dog.length - 1, Math.floor(outline.share * dog.length))]!;
  for (let i = 0; i < dog.length; i++)
    if (dog[i]! < Math.min(0, t)) for (let c = 0; c < 3; c++) guide[3 * i + c] = Math.round(guide[3 * i + c]! * outline.darken);
}
