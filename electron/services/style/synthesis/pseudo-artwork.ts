/**
 * The sitter drawn the artwork's way by tone mapping alone: the photo's colour channels, smoothed,
 * with a chosen amount of line detail (a difference of Gaussians) added, carried onto the
 * artwork's tones the way its kind asks (below). It is the target's guide for patch synthesis —
 * a line drawing's guide is a line drawing of the sitter, so copied strokes land on the sitter's
 * edges — and the hedge under the copied marks.
 *
 * Which detail: the gain whose result's luminance spreads its energy over scales (four
 * difference-of-Gaussian bands and the coarse remainder) most like the artwork's. A line drawing
 * keeps its energy in the fine bands, a poster or a painting in the coarse ones. No photo of the
 * artwork's subject is needed.
 *
 * How the tones are carried depends on the artwork's kind (posterise.ts `toneKind`, read from its
 * pixels alone):
 * - 'ink' (one ink ramp on one paper: lines, hatching, pencil, charcoal): each channel half
 *   histogram-matched, half mean/std-moved onto the artwork's. A line drawing's tones say nothing
 *   about absolute values (the match lays the sitter's ranks on them); either alone lost on the
 *   tuning photos (lines 0.34 vs 0.72 for mean/std; posterised 1.07 vs 1.03 for the match).
 * - 'paint' (full colour, not flat): the photo keeps its own values. A painting's or a cartoon's
 *   colours are its subject's; moving the sitter to the artwork's statistics moves it to another
 *   photo's (tuning photos, painterly: 1.03 carried, 0.47 three quarters kept, 0.40 all kept).
 * - 'poster' (a few flat inks): the smoothed photo quantised at evenly spaced thresholds into the
 *   artwork's inks (tuning posterised 0.75; at the artwork's quantiles instead 1.13). When the
 *   poster draws outlines (outlines.ts: pixels off its flat areas that are its inks darkened), the
 *   sitter's strongest dark edges are drawn so, as large a share as the artwork's (tuning guide
 *   0.745 → 0.702, engine 0.714 → 0.674; held out engine 0.875 → 0.767, in process, no faces), and
 *   outline inks are no fills (outlines.ts `outlineInks`).
 */
import { gaussianBlur } from '../../images/gaussian.js';
import { boxBlur3, luminance, matchHistogram, type Rgb8 } from './guides.js';
import { kuwahara } from './kuwahara.js';
import { drawOutlines, outlineOf, photoBase, type Outline, type PhotoBase } from './outlines.js';
import { evenLevel, inkRamp, inksOf, posterOf, residualChroma, toneKind, type InkRamp, type Poster, type ToneKind } from './posterise.js';

export interface ToneTransfer {
  /** Gaussian σ applied to the photo's channels first, in units of `unit` (below). */
  smooth: number;
  /** In place of the Gaussian when > 0: a Kuwahara filter of this radius (units), a painting's flat dabs with their edges kept. */
  kuwahara: number;
  /** Gain of the luminance difference of Gaussians (σ 1 − σ 1.6) added to every channel. */
  detail: number;
  /** How the artwork's tones relate to the photo's (posterise.ts), and for a poster its inks. */
  kind: ToneKind;
  poster?: Poster | undefined;
  /** One ink on one paper: the sitter's luminance is carried and drawn in that ink alone (no colour the artwork lacks). */
  ramp?: InkRamp | undefined;
  /** A poster's outlines (outlines.ts), drawn on the sitter's dark edges over the inks. */
  outline?: Outline | undefined;
}

/**
 * The pixel scale every σ here is given in: 1 px on a 256-px preview, 4 px at 1024, so a full
 * render draws what its preview showed, and a transfer chosen on the preview holds at any size.
 */
export const unitOf = (img: { width: number; height: number }) => Math.max(1, Math.min(img.width, img.height) / 256);

/**
 * The smoothing is fixed: on the analogy set's tuning photos σ 1 or 2 changed no ratio by more than
 * 0.05; the detail gain is what tells a line drawing from a painting.
 */
const SMOOTH = 1.5;
const DETAILS = [0, 3, 10, 30, 100];
/**
 * A painting's smoothing: Kuwahara at radius 2, 3 or 4 units, chosen with the detail gain by energy
 * per scale. On the tuning photos (painterly, engine) 0.39, against 0.44 for the Gaussian σ 1.5 and
 * 0.44 when the Gaussian was a candidate too (energy per scale does not tell the two apart).
 */
const PAINT: Array<Pick<ToneTransfer, 'smooth' | 'kuwahara'>> = [2, 3, 4].map((k) => ({ smooth: 0, kuwahara: k }));

/** The photo's planes smoothed the transfer's way; the Kuwahara windows are chosen on their luminance so colours stay whole. */
function smoothed(planes: Float32Array[], img: { width: number; height: number }, t: Pick<ToneTransfer, 'smooth' | 'kuwahara'>, l?: Float32Array): Float32Array[] {
  const { width: w, height: h } = img;
  const u = unitOf(img);
  if (t.kuwahara > 0) return kuwahara(planes, l ?? planes.reduce((acc, p, c) => acc.map((v, i) => v + [0.299, 0.587, 0.114][c]! * p[i]!), new Float32Array(w * h)), w, h, t.kuwahara * u);
  return planes.map((p) => gaussianBlur(p, w, h, t.smooth * u));
}

function channel(img: Rgb8, c: number): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = img.data[3 * i + c]! / 255;
  return out;
}

function meanStd(v: Float32Array): [number, number] {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i]!;
    s2 += v[i]! * v[i]!;
  }
  const m = s / v.length;
  return [m, Math.sqrt(Math.max(1e-12, s2 / v.length - m * m))];
}

/**
 * Energy per scale of a luminance plane, normalised to sum 1: difference-of-Gaussian bands at
 * σ 0|1|2|4|8 px and the σ 8 remainder's spread. The wide blurs are three box passes (O(n) at any
 * width; the same approximation on both sides of every comparison).
 */
export function scaleEnergy(l: Float32Array, w: number, h: number): number[] {
  return bandEnergy(scaleBands(l, w, h));
}

/** The four bands and the remainder of `scaleEnergy`, as planes: linear in `l`, so the bands of a sum are the sums of the bands. */
function scaleBands(l: Float32Array, w: number, h: number): Float32Array[] {
  const u = unitOf({ width: w, height: h });
  const g = [l, gaussianBlur(l, w, h, u), gaussianBlur(l, w, h, 2 * u), boxBlur3(l, w, h, 4 * u), boxBlur3(l, w, h, 8 * u)];
  return [...[0, 1, 2, 3].map((k) => g[k]!.map((v, i) => v - g[k + 1]![i]!)), g[4]!];
}

/** `scaleEnergy` of the plane whose bands are `a` + `k` × `b` (`b` omitted: of `a`). */
function bandEnergy(a: Float32Array[], b?: Float32Array[], k = 0): number[] {
  const e = a.map((band, j) => {
    const o = b?.[j];
    const n = band.length;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = o ? band[i]! + k * o[i]! : band[i]!;
      s += v;
      s2 += v * v;
    }
    // Bands: their RMS; the remainder: its spread about its mean.
    return Math.sqrt(Math.max(0, s2 / n - (j === 4 ? (s / n) ** 2 : 0)));
  });
  const t = e.reduce((x, y) => x + y, 0) || 1;
  return e.map((v) => v / t);
}

/**
 * The photo's channels moved to the artwork's means and spreads (a plain colour grade, every
 * feature kept), RGB 0..1 into `out` (3 per pixel): what a face keeps under any artwork. For one
 * ink on one paper (`ramp`), the luminance so moved and drawn in that ink: a hatched face in the
 * sitter's skin tones was the one coloured patch in a blue-black print.
 */
export function colourGrade(art: Rgb8, photo: Rgb8, out: Float32Array, ramp?: InkRamp): void {
  if (ramp) {
    const l = luminance(photo);
    const [mp, sp] = meanStd(l);
    const [ma, sa] = meanStd(luminance(art));
    for (let i = 0; i < l.length; i++) inked(ramp, ma + ((l[i]! - mp) * sa) / sp, (c, v) => (out[3 * i + c] = v));
    return;
  }
  for (let c = 0; c < 3; c++) {
    const p = channel(photo, c);
    const [mp, sp] = meanStd(p);
    const [ma, sa] = meanStd(channel(art, c));
    for (let i = 0; i < p.length; i++) out[3 * i + c] = Math.min(1, Math.max(0, ma + ((p[i]! - mp) * sa) / sp));
  }
}

/** Luminance `y` drawn in the ramp's ink, each channel clamped to 0..1. */
function inked(ramp: InkRamp, y: number, out: (c: number, v: number) => void): void {
  for (let c = 0; c < 3; c++) {
    const v = ramp.a[c]! + ramp.b[c]! * y;
    out(c, v < 0 ? 0 : v > 1 ? 1 : v);
  }
}

/** `f` carried onto `target`'s values: half its histogram matched, half its mean and spread moved. */
function carry(f: Float32Array, target: Float32Array, out: (i: number, v: number) => void): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < f.length; i++) {
    lo = Math.min(lo, f[i]!);
    hi = Math.max(hi, f[i]!);
  }
  const matched = matchHistogram(f.map((v) => (v - lo) / (hi - lo || 1)), target);
  const [mf, sf] = meanStd(f);
  const [ma, sa] = meanStd(target);
  for (let i = 0; i < f.length; i++) {
    const v = 0.5 * matched[i]! + 0.5 * (ma + ((f[i]! - mf) * sa) / sf);
    out(i, v < 0 ? 0 : v > 1 ? 1 : v);
  }
}

/** The smoothed photo plane `base` with `detail` × the luminance DoG added. */
function shaped(base: Float32Array, dog: Float32Array, detail: number): Float32Array {
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) out[i] = base[i]! + detail * dog[i]!;
  return out;
}

/** The photo's luminance DoG (σ one unit and 1.6), with the luminance and its fine blur (shared with drawOutlines). */
function lumDog(photo: Rgb8): PhotoBase & { dog: Float32Array } {
  const base = photoBase(photo);
  const b = gaussianBlur(base.l, photo.width, photo.height, 1.6 * unitOf(photo));
  return { ...base, dog: base.fine.map((v, i) => v - b[i]!) };
}

export function pseudoArtwork(art: Rgb8, photo: Rgb8, t: ToneTransfer): Rgb8 {
  const { width: w, height: h } = photo;
  const { dog, ...base } = lumDog(photo);
  const data = new Uint8Array(w * h * 3);
  const planes = smoothed([0, 1, 2].map((c) => channel(photo, c)), photo, t).map((b) => shaped(b, dog, t.detail));
  const put = (i: number, c: number, v: number) => (data[3 * i + c] = Math.round(255 * (v < 0 ? 0 : v > 1 ? 1 : v)));
  const p = t.poster;
  if (t.kind === 'paint') {
    for (let c = 0; c < 3; c++) for (let i = 0; i < w * h; i++) put(i, c, planes[c]![i]!);
  } else if (p?.kind === 'channels') {
    for (let c = 0; c < 3; c++) {
      const lv = p.levels[c]!;
      for (let i = 0; i < w * h; i++) put(i, c, lv[evenLevel(planes[c]![i]!, lv.length)]!);
    }
  } else if (p?.kind === 'luminance') {
    for (let i = 0; i < w * h; i++) {
      const ink = p.inks[evenLevel(0.299 * planes[0]![i]! + 0.587 * planes[1]![i]! + 0.114 * planes[2]![i]!, p.inks.length)]!;
      for (let c = 0; c < 3; c++) put(i, c, ink[c]!);
    }
  } else if (t.ramp) {
    const ramp = t.ramp;
    const y = planes[0]!.map((v, i) => 0.299 * v + 0.587 * planes[1]![i]! + 0.114 * planes[2]![i]!);
    carry(y, luminance(art), (i, v) => inked(ramp, v, (c, u) => put(i, c, u)));
  } else {
    for (let c = 0; c < 3; c++) carry(planes[c]!, channel(art, c), (i, v) => put(i, c, v));
  }
  if (t.outline) drawOutlines(data, photo, t.outline, base);
  return { width: w, height: h, data };
}

/** `img` shrunk by an integer factor (means of f×f blocks; a remainder at the edges is dropped). */
export function shrink(img: Rgb8, f: number): Rgb8 {
  if (f <= 1) return img;
  const w = Math.max(1, Math.floor(img.width / f));
  const h = Math.max(1, Math.floor(img.height / f));
  const data = new Uint8Array(w * h * 3);
  const acc = new Float64Array(3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      acc.fill(0);
      for (let j = 0; j < f; j++)
        for (let i = 0; i < f; i++) {
          const o = 3 * ((y * f + j) * img.width + x * f + i);
          for (let c = 0; c < 3; c++) acc[c]! += img.data[o + c]!;
        }
      for (let c = 0; c < 3; c++) data[3 * (y * w + x) + c] = Math.round(acc[c]! / (f * f));
    }
  return { width: w, height: h, data };
}

/**
 * The candidate transfer whose result's scale energies are nearest the artwork's (squared
 * distance), judged on luminance alone (a third of the work of judging the colour result), at
 * one small size whatever the render's (σs are in `unitOf` units, so the choice carries over).
 */
export function chooseTransfer(artwork: Rgb8, picture: Rgb8): ToneTransfer {
  const residual = residualChroma(artwork);
  const kind = toneKind(artwork, residual);
  const inks = kind === 'poster' ? inksOf(artwork) : undefined;
  const outline = inks ? outlineOf(artwork, inks.colours) : undefined;
  // Outline inks (thick outlines' flat stretches) are no fills: they would add a band.
  const fills = inks && outline ? { colours: inks.colours.filter((_, k) => !outline.outlineInk[k]), shares: inks.shares.filter((_, k) => !outline.outlineInk[k]) } : inks;
  const poster = fills ? posterOf(artwork, fills) : undefined;
  const ramp = kind === 'ink' ? inkRamp(artwork, residual) : undefined;
  // Judged at ~128 px: 10× cheaper than at 256 and, on the tuning photos, no worse a choice.
  const f = Math.floor(Math.min(picture.width, picture.height) / 128);
  const art = shrink(artwork, f);
  const photo = shrink(picture, f);
  const artL = luminance(art);
  const want = scaleEnergy(artL, art.width, art.height);
  const { width: w, height: h } = photo;
  const { l, dog } = lumDog(photo);
  let best: { t: ToneTransfer; d: number } | undefined;
  const pick = (t: ToneTransfer, energy: number[]) => {
    const d = energy.reduce((s, v, k) => s + (v - want[k]!) ** 2, 0);
    if (!best || d < best.d) best = { t, d };
  };
  if (kind === 'paint') {
    // The photo's values kept, unclamped: the result's bands are the smoothed photo's plus the
    // gain × the DoG's, so each candidate costs no blur.
    const dogBands = scaleBands(dog, w, h);
    for (const sm of PAINT) {
      const bands = scaleBands(smoothed([l], photo, sm, l)[0]!, w, h);
      for (const detail of DETAILS) pick({ ...sm, detail, kind, poster }, bandEnergy(bands, dogBands, detail));
    }
    return best!.t;
  }
  const base = gaussianBlur(l, w, h, SMOOTH * unitOf(photo));
  const y = new Float32Array(w * h);
  // A poster's outlines are its line detail, drawn on the sitter's edges by the outline model: the
  // DoG gain, chosen to match the artwork's fine energy, drew them a second time (tuning
  // posterised engine 0.674 → 0.444 with no gain when the artwork has outlines).
  for (const detail of outline ? [0] : DETAILS) {
    carry(shaped(base, dog, detail), artL, (i, v) => (y[i] = v));
    pick({ smooth: SMOOTH, kuwahara: 0, detail, kind, poster, ramp, outline }, scaleEnergy(y, w, h));
  }
  return best!.t;
}
