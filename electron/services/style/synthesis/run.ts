/**
 * One worker's share of a synthesis run (SPMD: every worker runs this same schedule on its band of
 * target rows, meeting at barriers). Coarse to fine: a random field at the coarsest level, then at
 * every level a PatchMatch search on the guides, the field upsampled to start the next; on the
 * full render's finest level EM passes alternate a search against the current estimate with a
 * vote that rebuilds it. The last vote, over the guide (the hedge), is composed with the photo
 * (strength, preserve colours, region mask).
 */
import { landmarkSegments } from '../../faces/segments.js';
import { fitAffine, interOcular, type Rgb8 } from './guides.js';
import { chooseTransfer, colourGrade, pseudoArtwork } from './pseudo-artwork.js';
import { latticeCentre, randomField, refreshCosts, rng, search, vote, type Level, type SearchParams } from './patchmatch.js';
import { detectScreen, levelLattice, readScreen, screenStrokes, writeScreen } from './screen.js';
import { faceUnder } from './face-under.js';
import { faceWeight } from '../face-weight.js';
import { levelViews, type Plan, type SharedBuffers } from './plan.js';
import { kindStrokes, TONE_KINDS } from './kind-strokes.js';
import type { ToneKind } from './posterise.js';

export class Cancelled extends Error {
  constructor() {
    super('The style render was cancelled.');
  }
}

const CANCEL = 0;
const COUNT = 1;
const GEN = 2;

/**
 * Per level: PatchMatch iterations on the guides, then EM passes (vote, then one PatchMatch
 * iteration with the style channels too). EM only on the finest level of the full render, where
 * coherence of the marks shows, and there in place of the guides-only search (the upsampled field
 * is already good; the EM search covers the guides as well). The preview goes without (on the
 * analogy set's tuning photos EM moved no ratio by over 0.01).
 */
function schedule(level: number, effort: Plan['options']['effort']): { iterations: number; em: number } {
  if (level > 0) return { iterations: 2, em: 0 };
  return effort === 'preview' ? { iterations: 1, em: 0 } : { iterations: 0, em: 1 };
}

/**
 * Level 0's features and labels (rank 0 alone; the others wait at the next barrier). The guide is
 * the sitter tone-mapped into the artwork's way of drawing (pseudo-artwork.ts) against the artwork
 * itself, so a patch of the artwork is copied where the sitter, so drawn, looks like it. With faces
 * (`structure`), `graded` gets what they keep under the marks (face-under.ts). Returns the
 * artwork's tone kind, which sets the strokes' share (kind-strokes.ts).
 */
function fillFinest(plan: Plan, L: Level & { tgtRgb: Float32Array }, art: Rgb8, photo: Rgb8, graded: Float32Array, structure: Float32Array | undefined): ToneKind {
  const { channels: c, weights: w } = plan;
  const ks = Math.sqrt(w.style);
  const kg = Math.sqrt(w.guide);
  const transfer = chooseTransfer(art, photo);
  const guide = pseudoArtwork(art, photo, transfer);
  if (structure) {
    colourGrade(art, photo, graded, transfer.ramp);
    faceUnder(guide.data, graded, structure, photo.width, photo.height);
  }
  for (let i = 0; i < L.sw * L.sh; i++) {
    for (let k = 0; k < 3; k++) {
      const v = art.data[3 * i + k]! / 255;
      L.srcRgb[3 * i + k] = v;
      L.srcFeat[c * i + k] = ks * v;
      L.srcFeat[c * i + 3 + k] = kg * v;
    }
  }
  for (let i = 0; i < L.tw * L.th; i++) for (let k = 0; k < 3; k++) L.tgtFeat[c * i + 3 + k] = (kg * guide.data[3 * i + k]!) / 255;
  const f = plan.faces;
  if (!f) return transfer.kind;
  // Positional guide: artwork coordinates in eye distances from its face's centre; the photo's
  // pixels mapped into the artwork by the affine fit of its face's landmarks onto the artwork's.
  // Both fade out off the paired faces (their face weights): one face's affine says nothing about
  // the rest of the picture (a group photo's other sitters, the background), and there it pulled
  // the whole photo onto the artwork's layout (held-out painterly pairs 0.98 -> 1.20).
  const kp = Math.sqrt(w.positional) / interOcular(f.artwork);
  const cx = f.artwork.reduce((t, p) => t + p[0], 0) / f.artwork.length;
  const cy = f.artwork.reduce((t, p) => t + p[1], 0) / f.artwork.length;
  const ws = faceWeight([f.artwork], L.sw, L.sh)!;
  for (let y = 0; y < L.sh; y++)
    for (let x = 0; x < L.sw; x++) {
      const i = y * L.sw + x;
      L.srcFeat[c * i + 6] = kp * ws[i]! * (x - cx);
      L.srcFeat[c * i + 7] = kp * ws[i]! * (y - cy);
    }
  const m = fitAffine(f.photo, f.artwork);
  const wt = faceWeight([f.photo], L.tw, L.th)!;
  for (let y = 0; y < L.th; y++)
    for (let x = 0; x < L.tw; x++) {
      const i = y * L.tw + x;
      L.tgtFeat[c * i + 6] = kp * wt[i]! * (m[0] * x + m[2] * y + m[4] - cx);
      L.tgtFeat[c * i + 7] = kp * wt[i]! * (m[1] * x + m[3] * y + m[5] - cy);
    }
  L.srcLabel.set(f.segments?.artwork ?? landmarkSegments([f.artwork], L.sw, L.sh).labels);
  L.tgtLabel.set(f.segments?.photo ?? landmarkSegments(f.photoFaces, L.tw, L.th).labels);
  return transfer.kind;
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

  const graded = new Float32Array(buffers.graded);
  const structure = plan.hasStructure ? new Float32Array(buffers.structure) : undefined;
  const kindSlot = new Int32Array(buffers.kind);
  const screenSlots = new Float64Array(buffers.screen);
  // The guide is serial work on rank 0; the screen is looked for meanwhile by the last rank.
  if (rank === 0) kindSlot[0] = TONE_KINDS.indexOf(fillFinest(plan, levels[0]!, art, photo, graded, structure));
  if (rank === size - 1) writeScreen(detectScreen(art), screenSlots);
  barrier();
  // The strokes' share the artwork asks for: its tone kind bends it toward the guide (kind-strokes.ts),
  // a screen toward the marks (screen.ts); what follows reads the share to use.
  const screen = readScreen(screenSlots);
  const strokes = screenStrokes(kindStrokes(plan.options.strokes, TONE_KINDS[kindSlot[0]!]!), screen);
  plan = { ...plan, options: { ...plan.options, strokes } };
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

  // Work per level ∝ target pixels × searches, for the progress fraction.
  const sched = levels.map((_, i) => schedule(i, o.effort));
  const work = levels.map((L, i) => L.tw * L.th * (sched[i]!.iterations + 2 * sched[i]!.em));
  const total = work.reduce((x, y) => x + y, 0);
  let done = 0;
  for (let l = levels.length - 1; l >= 0; l--) {
    const L = levels[l]!;
    // Each level sees the patch at its own scale; on tiny coarse levels a radius that fits.
    const rl = Math.max(1, Math.min(r, Math.floor((Math.min(L.sw, L.sh) - 1) / 4)));
    const coarsest = l === levels.length - 1;
    const { iterations, em } = sched[l]!;
    const P: SearchParams = {
      r: rl,
      labelWeight: w.label,
      uniformity: w.uniformity,
      guidesOnly: true,
      // Every other pixel of a 5×5 or larger patch: a third of the work, mostly the same winners.
      stride: rl >= 2 ? 2 : 1,
      // Below the coarsest level the upsampled field is already good: a local search pays.
      searchRadius: coarsest ? Infinity : 8,
      lattice: levelLattice(screen, l),
    };
    const lat = P.lattice;
    const [y0, y1] = band(L.th);
    if (coarsest) {
      randomField(L, rl, y0, y1, rand, lat);
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
          const q = lat ? latticeCentre(L, rl, lat, x, y, px, py) : Math.min(L.sh - 1 - rl, Math.max(rl, py)) * L.sw + Math.min(L.sw - 1 - rl, Math.max(rl, px));
          L.nnf[y * L.tw + x] = q;
          Atomics.add(L.omega, q, 1);
        }
    }
    barrier();
    refreshCosts(L, P, y0, y1);
    barrier();
    // The guides alone place the patches; the guide is already drawn the artwork's way, so the
    // field needs no estimate of the result to converge (measured: EM passes on every level moved
    // no analogy ratio by more than 0.03 and cost 2–3× the time).
    search(L, P, y0, y1, iterations, rand, cancelled);
    barrier();
    // EM passes (vote, then search against the estimate too) where the marks' coherence is judged.
    const S = { ...P, guidesOnly: false };
    for (let e = 0; e < em; e++) {
      vote(L, rl, w.sharpen, y0, y1, L.tgtRgb, cancelled);
      toFeatures(L, ks, y0, y1);
      barrier();
      refreshCosts(L, S, y0, y1);
      barrier();
      search(L, S, y0, y1, 1, rand, cancelled);
      barrier();
    }
    done += work[l]!;
    if (rank === 0) progress?.(done / total);
  }
  const L0 = levels[0]!;
  const [y0, y1] = band(L0.th);
  vote(L0, r, w.sharpen, y0, y1, L0.tgtRgb, cancelled);
  check();
  // The hedge: copied marks over the tone-mapped guide, which is the sitter's structure exactly.
  // On faces more of it, over `graded`: the guide where it still draws the sitter's features, else
  // the plain colour grade (a poster's few flat inks would leave a face one pale patch, with no
  // features to recognise or detect; face-under.ts).
  const kg = Math.sqrt(w.guide);
  const hedge = 1 - Math.min(1, Math.max(0, plan.options.strokes));
  const faceHedge = Math.max(hedge, w.faceHedge);
  for (let i = y0 * L0.tw; i < y1 * L0.tw; i++) {
    const s = structure ? structure[i]! : 0;
    const h = hedge + (faceHedge - hedge) * s;
    for (let k = 0; k < 3; k++) {
      const under = s > 0 ? (1 - s) * (L0.tgtFeat[c * i + 3 + k]! / kg) + s * graded[3 * i + k]! : L0.tgtFeat[c * i + 3 + k]! / kg;
      L0.tgtRgb[3 * i + k] = (1 - h) * L0.tgtRgb[3 * i + k]! + h * under;
    }
  }
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
      r = pr + dy;
      g = pg + dy;
      b = pb + dy;
    }
    const k = s * (mask ? mask[i]! : 1);
    out[3 * i] = Math.round(255 * Math.min(1, Math.max(0, pr + k * (r - pr))));
    out[3 * i + 1] = Math.round(255 * Math.min(1, Math.max(0, pg + k * (g - pg))));
    out[3 * i + 2] = Math.round(255 * Math.min(1, Math.max(0, pb + k * (b - pb))));
  }
}
