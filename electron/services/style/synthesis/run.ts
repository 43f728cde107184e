/**
 * One worker's share of a synthesis run (SPMD: every worker runs this same schedule on its band of
 * target rows, meeting at barriers). Coarse to fine: at the coarsest level a random field is first
 * searched on the guides alone; then at every level EM passes alternate a PatchMatch search against
 * the current estimate with a vote that rebuilds it; the field is upsampled to start the next level.
 * The last vote is composed with the photo (strength, preserve colours, region mask).
 */
import { landmarkSegments } from '../../faces/segments.js';
import { boxBlur3, chroma, fitAffine, interOcular, luminance, matchHistogram, type Rgb8 } from './guides.js';
import { randomField, refreshCosts, rng, search, vote, type Level, type SearchParams } from './patchmatch.js';
import { levelViews, type Plan, type SharedBuffers } from './plan.js';

export class Cancelled extends Error {
  constructor() {
    super('The style render was cancelled.');
  }
}

const CANCEL = 0;
const COUNT = 1;
const GEN = 2;

/** Passes per level: [EM passes, PatchMatch iterations per pass]; the finest level of a full render is the costly one. */
function schedule(level: number, effort: Plan['options']['effort']): [number, number] {
  if (level > 0) return [3, 2];
  return effort === 'preview' ? [2, 2] : [1, 2];
}

function spread(v: Float32Array): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < v.length; i++) [s, s2] = [s + v[i]!, s2 + v[i]! * v[i]!];
  return Math.sqrt(Math.max(0, s2 / v.length - (s / v.length) ** 2));
}

/**
 * The photo's side of a guide, laid on the artwork's: an artwork whose guide spans as much as the
 * photo's renders that quantity as it is (a painting's tones, a poster's colours) and gets the photo's
 * values raw; one whose guide is nearly flat (a line drawing's blurred tone, a monochrome's chroma)
 * says nothing about absolute values and gets the photo's values histogram-matched to its own.
 * In between, the mix follows the ratio of spreads.
 */
function layOn(photo: Float32Array, art: Float32Array, offset: number): Float32Array {
  const beta = Math.min(1, spread(art) / Math.max(1e-6, spread(photo)));
  const hist = matchHistogram(photo.map((v) => v + offset), art.map((v) => v + offset));
  return photo.map((v, i) => beta * v + (1 - beta) * (hist[i]! - offset));
}

/**
 * The appearance guides, artwork against photo (StyLit's blurred luminance, extended): tone (blurred
 * luminance), detail (a difference of Gaussians of the luminance: lines and mark edges sit on the
 * sitter's edges even where a drawing's tone says nothing) and colour (blurred Cb, Cr).
 */
function appearance(plan: Plan, art: Rgb8, photo: Rgb8): { src: Float32Array[]; tgt: Float32Array[] } {
  const r = Math.max(1, plan.weights.blur * Math.min(photo.width, photo.height));
  const planes = (img: Rgb8) => {
    const [w, h] = [img.width, img.height];
    const l = luminance(img);
    const [cb, cr] = chroma(img);
    const a = boxBlur3(l, w, h, 1);
    const b = boxBlur3(l, w, h, 3);
    return [boxBlur3(l, w, h, r), a.map((v, i) => v - b[i]!), boxBlur3(cb, w, h, r), boxBlur3(cr, w, h, r)];
  };
  const src = planes(art);
  // Detail and chroma are 0-centred: shifted into the histogram's 0..1 range to be matched.
  const tgt = planes(photo).map((p, k) => layOn(p, src[k]!, k === 0 ? 0 : 0.5));
  return { src, tgt };
}

/** Level 0's features and labels (rank 0 alone; the others wait at the next barrier). */
function fillFinest(plan: Plan, L: Level & { tgtRgb: Float32Array }, art: Rgb8, photo: Rgb8): void {
  const { channels: c, weights: w } = plan;
  const ks = Math.sqrt(w.style);
  const g = appearance(plan, art, photo);
  const kg = [w.appearance, w.edges, w.chroma, w.chroma].map(Math.sqrt);
  for (let i = 0; i < L.sw * L.sh; i++) {
    for (let k = 0; k < 3; k++) {
      L.srcRgb[3 * i + k] = art.data[3 * i + k]! / 255;
      L.srcFeat[c * i + k] = (ks * art.data[3 * i + k]!) / 255;
    }
    for (let k = 0; k < 4; k++) L.srcFeat[c * i + 3 + k] = kg[k]! * g.src[k]![i]!;
  }
  for (let i = 0; i < L.tw * L.th; i++) for (let k = 0; k < 4; k++) L.tgtFeat[c * i + 3 + k] = kg[k]! * g.tgt[k]![i]!;
  const f = plan.faces;
  if (!f) return;
  // Positional guide: artwork coordinates in eye distances; the photo's pixels mapped into the
  // artwork by the affine fit of its face's landmarks onto the artwork's.
  const kp = Math.sqrt(w.positional) / interOcular(f.artwork);
  for (let y = 0; y < L.sh; y++)
    for (let x = 0; x < L.sw; x++) {
      const i = y * L.sw + x;
      L.srcFeat[c * i + 7] = kp * x;
      L.srcFeat[c * i + 8] = kp * y;
    }
  const m = fitAffine(f.photo, f.artwork);
  for (let y = 0; y < L.th; y++)
    for (let x = 0; x < L.tw; x++) {
      const i = y * L.tw + x;
      L.tgtFeat[c * i + 7] = kp * (m[0] * x + m[2] * y + m[4]);
      L.tgtFeat[c * i + 8] = kp * (m[1] * x + m[3] * y + m[5]);
    }
  L.srcLabel.set(landmarkSegments([f.artwork], L.sw, L.sh).labels);
  L.tgtLabel.set(landmarkSegments(f.photoFaces, L.tw, L.th).labels);
}

/** 2×2 means of an interleaved plane, rows [y0, y1) of the half-size output. */
function halve(src: Float32Array, w: number, c: number, dst: Float32Array, dw: number, y0: number, y1: number): void {
  for (let y = y0; y < y1; y++)
    for (let x = 0; x < dw; x++) {
      const a = c * (2 * y * w + 2 * x);
      const b = a + c * w;
      const o = c * (y * dw + x);
      for (let k = 0; k < c; k++) dst[o + k] = 0.25 * (src[a + k]! + src[a + c + k]! + src[b + k]! + src[b + c + k]!);
    }
}

function halveLabels(src: Uint8Array, w: number, dst: Uint8Array, dw: number, y0: number, y1: number): void {
  if (dst.length === 0) return;
  for (let y = y0; y < y1; y++) for (let x = 0; x < dw; x++) dst[y * dw + x] = src[2 * y * w + 2 * x]!;
}

/** Writes a vote's RGB into the target's style channels. */
function toFeatures(L: Level & { tgtRgb: Float32Array }, ks: number, y0: number, y1: number): void {
  for (let i = y0 * L.tw; i < y1 * L.tw; i++) for (let k = 0; k < 3; k++) L.tgtFeat[L.c * i + k] = ks * L.tgtRgb[3 * i + k]!;
}

export interface RankContext {
  plan: Plan;
  buffers: SharedBuffers;
  rank: number;
  size: number;
  /** Rank 0 reports the fraction done. */
  progress?: (fraction: number) => void;
}

export function runRank({ plan, buffers, rank, size, progress }: RankContext): void {
  const control = new Int32Array(buffers.control);
  const cancelled = () => Atomics.load(control, CANCEL) !== 0;
  const check = () => {
    if (cancelled()) throw new Cancelled();
  };
  const barrier = () => {
    if (size === 1) return check();
    const gen = Atomics.load(control, GEN);
    if (Atomics.add(control, COUNT, 1) === size - 1) {
      Atomics.store(control, COUNT, 0);
      Atomics.add(control, GEN, 1);
      Atomics.notify(control, GEN);
    } else {
      while (Atomics.load(control, GEN) === gen) {
        check();
        Atomics.wait(control, GEN, gen, 20);
      }
    }
    check();
  };
  const band = (h: number): [number, number] => [Math.floor((rank * h) / size), Math.floor(((rank + 1) * h) / size)];
  const rand = rng(plan.options.seed * 7919 + rank + 1);
  const levels = levelViews(plan, buffers);
  const art: Rgb8 = { ...plan.artwork, data: new Uint8Array(buffers.artwork) };
  const photo: Rgb8 = { ...plan.photo, data: new Uint8Array(buffers.photo) };
  const { weights: w, options: o, channels: c } = plan;
  const ks = Math.sqrt(w.style);
  const r = Math.max(1, Math.min(4, Math.round(o.patchRadius)));

  if (rank === 0) fillFinest(plan, levels[0]!, art, photo);
  barrier();
  for (let l = 1; l < levels.length; l++) {
    const [a, b] = [levels[l - 1]!, levels[l]!];
    const [s0, s1] = band(b.sh);
    halve(a.srcFeat, a.sw, c, b.srcFeat, b.sw, s0, s1);
    halve(a.srcRgb, a.sw, 3, b.srcRgb, b.sw, s0, s1);
    halveLabels(a.srcLabel, a.sw, b.srcLabel, b.sw, s0, s1);
    const [t0, t1] = band(b.th);
    halve(a.tgtFeat, a.tw, c, b.tgtFeat, b.tw, t0, t1);
    halveLabels(a.tgtLabel, a.tw, b.tgtLabel, b.tw, t0, t1);
    barrier();
  }

  // Work per level ∝ target pixels × passes, for the progress fraction.
  const work = levels.map((L, i) => L.tw * L.th * schedule(i, o.effort).reduce((x, y) => x * y, 1));
  const total = work.reduce((x, y) => x + y, 0);
  let done = 0;
  for (let l = levels.length - 1; l >= 0; l--) {
    const L = levels[l]!;
    // Each level sees the patch at its own scale; on tiny coarse levels a radius that fits.
    const rl = Math.max(1, Math.min(r, Math.floor((Math.min(L.sw, L.sh) - 1) / 4)));
    const coarsest = l === levels.length - 1;
    const P: SearchParams = {
      r: rl,
      labelWeight: w.label,
      uniformity: w.uniformity,
      guidesOnly: false,
      // The full render's finest level starts from a good upsampled field: a local search with
      // a sampled error there (it is most of the pixels); everywhere else a global search pays.
      stride: rl >= 2 && l === 0 && o.effort === 'full' ? 2 : 1,
      searchRadius: l === 0 && o.effort === 'full' ? 8 : Infinity,
    };
    const [y0, y1] = band(L.th);
    if (coarsest) {
      randomField(L, rl, y0, y1, rand);
      barrier();
      const G = { ...P, guidesOnly: true };
      refreshCosts(L, G, y0, y1);
      barrier();
      search(L, G, y0, y1, 4, rand, cancelled);
      barrier();
    } else {
      // Upsample the coarser field: the same source offset, twice the coordinates.
      const C = levels[l + 1]!;
      for (let y = y0; y < y1; y++)
        for (let x = 0; x < L.tw; x++) {
          const cy = Math.min(C.th - 1, y >> 1);
          const cx = Math.min(C.tw - 1, x >> 1);
          const p = C.nnf[cy * C.tw + cx]!;
          const px = 2 * (p % C.sw) + (x & 1);
          const py = 2 * Math.floor(p / C.sw) + (y & 1);
          const q = Math.min(L.sh - 1 - rl, Math.max(rl, py)) * L.sw + Math.min(L.sw - 1 - rl, Math.max(rl, px));
          L.nnf[y * L.tw + x] = q;
          Atomics.add(L.omega, q, 1);
        }
      barrier();
      refreshCosts(L, { ...P, guidesOnly: true }, y0, y1);
      barrier();
    }
    const [passes, iterations] = schedule(l, o.effort);
    for (let e = 0; e < passes; e++) {
      vote(L, rl, w.sharpen, y0, y1, L.tgtRgb, cancelled);
      toFeatures(L, ks, y0, y1);
      barrier();
      refreshCosts(L, P, y0, y1);
      barrier();
      search(L, P, y0, y1, iterations, rand, cancelled);
      barrier();
      done += work[l]! / passes;
      if (rank === 0) progress?.(done / total);
    }
  }
  const L0 = levels[0]!;
  const [y0, y1] = band(L0.th);
  vote(L0, r, w.sharpen, y0, y1, L0.tgtRgb, cancelled);
  check();
  compose(plan, L0.tgtRgb, photo, plan.hasMask ? new Float32Array(buffers.mask) : undefined, new Uint8Array(buffers.out), y0 * L0.tw, y1 * L0.tw);
  barrier();
}

/**
 * out = photo + strength·mask·(styled − photo); with preserve colours the styled luminance is put
 * under the photo's chroma (YCbCr) first. Pixels [i0, i1).
 */
export function compose(plan: Plan, styled: Float32Array, photo: Rgb8, mask: Float32Array | undefined, out: Uint8Array, i0: number, i1: number): void {
  const s = Math.min(1, Math.max(0, plan.options.strength));
  for (let i = i0; i < i1; i++) {
    const pr = photo.data[3 * i]! / 255;
    const pg = photo.data[3 * i + 1]! / 255;
    const pb = photo.data[3 * i + 2]! / 255;
    let r = styled[3 * i]!;
    let g = styled[3 * i + 1]!;
    let b = styled[3 * i + 2]!;
    if (plan.options.preserveColor) {
      const dy = 0.299 * r + 0.587 * g + 0.114 * b - (0.299 * pr + 0.587 * pg + 0.114 * pb);
      [r, g, b] = [pr + dy, pg + dy, pb + dy];
    }
    const k = s * (mask ? mask[i]! : 1);
    out[3 * i] = Math.round(255 * Math.min(1, Math.max(0, pr + k * (r - pr))));
    out[3 * i + 1] = Math.round(255 * Math.min(1, Math.max(0, pg + k * (g - pg))));
    out[3 * i + 2] = Math.round(255 * Math.min(1, Math.max(0, pb + k * (b - pb))));
  }
}
