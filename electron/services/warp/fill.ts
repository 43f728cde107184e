/**
 * Patch-based hole filling (the background behind a head that the warp shrinks or moves).
 * Coarse to fine over an image pyramid, as in Wexler et al.'s space-time completion: at each
 * level every hole pixel's 5×5 patch gets a nearest neighbour among the patches that lie wholly
 * outside the hole (PatchMatch: random start, propagation from the scan neighbours, shrinking
 * random search), then each hole pixel becomes the average of what the overlapping patches'
 * matches say it is; the result seeds the next finer level. Only background patches are ever
 * copied, so no trace of the old outline survives; the fill keeps the background's texture where
 * a diffusion would blur it. Deterministic (seeded), pure.
 *
 * The fill is computed at most FILL_MAX_SIDE px across and upsampled: it is the background
 * behind a head, usually out of focus, and a full-resolution search on a 12-MP photo would take
 * seconds.
 */
import type { RgbImage } from '../images/decode.js';
import { uniformRng } from '../../../common/random.js';

const R = 2; // patch radius: 5×5
const FILL_MAX_SIDE = 128;
const COARSEST = 24;
const ITERATIONS = 3;
const EM_STEPS = 2;

interface Level {
  w: number;
  h: number;
  /** RGB float, interleaved. */
  px: Float32Array;
  hole: Uint8Array;
}

/** Box-downsamples by an integer factor; a pixel is hole if any of its source pixels is. */
function shrink(l: Level, f: number): Level {
  const w = Math.max(1, Math.ceil(l.w / f));
  const h = Math.max(1, Math.ceil(l.h / f));
  const px = new Float32Array(w * h * 3);
  const hole = new Uint8Array(w * h);
  const n = new Float32Array(w * h);
  for (let y = 0; y < l.h; y++) {
    for (let x = 0; x < l.w; x++) {
      const j = Math.floor(y / f) * w + Math.floor(x / f);
      const i = y * l.w + x;
      if (l.hole[i]) hole[j] = 1;
      else {
        px[j * 3]! += l.px[i * 3]!;
        px[j * 3 + 1]! += l.px[i * 3 + 1]!;
        px[j * 3 + 2]! += l.px[i * 3 + 2]!;
        n[j]! += 1;
      }
    }
  }
  for (let j = 0; j < w * h; j++) if (n[j]) for (let c = 0; c < 3; c++) px[j * 3 + c]! /= n[j]!;
  return { w, h, px, hole };
}

/** Fills the hole by repeated averaging of filled 8-neighbours, outside in (the coarsest start). */
function onionPeel(l: Level): void {
  const known = Uint8Array.from(l.hole, (v) => (v ? 0 : 1));
  if (!known.some((v) => v)) return;
  for (let changed = true; changed; ) {
    changed = false;
    const next = known.slice();
    for (let y = 0; y < l.h; y++) {
      for (let x = 0; x < l.w; x++) {
        const i = y * l.w + x;
        if (known[i]) continue;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= l.w || yy >= l.h) continue;
            const j = yy * l.w + xx;
            if (!known[j]) continue;
            s0 += l.px[j * 3]!;
            s1 += l.px[j * 3 + 1]!;
            s2 += l.px[j * 3 + 2]!;
            n++;
          }
        }
        if (n) {
          l.px.set([s0 / n, s1 / n, s2 / n], i * 3);
          next[i] = 1;
          changed = true;
        }
      }
    }
    known.set(next);
  }
}

/** Centres whose whole patch is known and inside the level: where fill may copy from (list and per-pixel flag). */
function sources(l: Level): { list: Int32Array; ok: Uint8Array } {
  const out: number[] = [];
  const ok = new Uint8Array(l.w * l.h);
  for (let y = R; y < l.h - R; y++) {
    for (let x = R; x < l.w - R; x++) {
      let clear = true;
      for (let dy = -R; dy <= R && clear; dy++) for (let dx = -R; dx <= R && clear; dx++) if (l.hole[(y + dy) * l.w + x + dx]) clear = false;
      if (clear) {
        out.push(y * l.w + x);
        ok[y * l.w + x] = 1;
      }
    }
  }
  return { list: Int32Array.from(out), ok };
}

/** Patch distance between centres a (hole side, clamped at the border) and b (a source centre). */
function dist(l: Level, a: number, b: number, cap: number): number {
  const ax = a % l.w;
  const ay = (a - ax) / l.w;
  const bx = b % l.w;
  const by = (b - bx) / l.w;
  let d = 0;
  for (let dy = -R; dy <= R; dy++) {
    const y = ay + dy;
    if (y < 0 || y >= l.h) continue;
    for (let dx = -R; dx <= R; dx++) {
      const x = ax + dx;
      if (x < 0 || x >= l.w) continue;
      const i = (y * l.w + x) * 3;
      const j = ((by + dy) * l.w + bx + dx) * 3;
      const e0 = l.px[i]! - l.px[j]!;
      const e1 = l.px[i + 1]! - l.px[j + 1]!;
      const e2 = l.px[i + 2]! - l.px[j + 2]!;
      d += e0 * e0 + e1 * e1 + e2 * e2;
    }
    if (d >= cap) return d;
  }
  return d;
}

/** One EM step: nearest source patch for every hole pixel (PatchMatch), then the vote. */
function refine(l: Level, { list: src, ok }: { list: Int32Array; ok: Uint8Array }, rnd: () => number): void {
  const holes: number[] = [];
  for (let i = 0; i < l.w * l.h; i++) if (l.hole[i]) holes.push(i);
  const nnf = new Int32Array(l.w * l.h).fill(-1);
  const cost = new Float64Array(l.w * l.h);
  for (const i of holes) {
    nnf[i] = src[Math.floor(rnd() * src.length)]!;
    cost[i] = dist(l, i, nnf[i]!, Infinity);
  }
  const maxR = Math.max(l.w, l.h);
  const tryMatch = (i: number, c: number) => {
    if (c === nnf[i] || !ok[c]) return;
    const d = dist(l, i, c, cost[i]!);
    if (d < cost[i]!) {
      cost[i] = d;
      nnf[i] = c;
    }
  };
  for (let it = 0; it < ITERATIONS; it++) {
    const forward = it % 2 === 0;
    const step = forward ? 1 : -1;
    for (let k = 0; k < holes.length; k++) {
      const i = holes[forward ? k : holes.length - 1 - k]!;
      const x = i % l.w;
      const y = (i - x) / l.w;
      // Propagation: the scan neighbour's match, shifted by one.
      const nx = x - step;
      if (nx >= 0 && nx < l.w && nnf[i - step]! >= 0) tryMatch(i, nnf[i - step]! + step);
      const ny = y - step;
      if (ny >= 0 && ny < l.h && nnf[i - step * l.w]! >= 0) tryMatch(i, nnf[i - step * l.w]! + step * l.w);
      // Random search around the current match, halving the radius.
      const m = nnf[i]!;
      const mx = m % l.w;
      const my = (m - mx) / l.w;
      for (let r = maxR; r >= 1; r = Math.floor(r / 2)) {
        const cx = Math.round(mx + (rnd() * 2 - 1) * r);
        const cy = Math.round(my + (rnd() * 2 - 1) * r);
        if (cx >= 0 && cy >= 0 && cx < l.w && cy < l.h) tryMatch(i, cy * l.w + cx);
      }
    }
  }
  // Vote: each hole pixel averages what every overlapping patch's match puts at its place.
  const acc = new Float32Array(holes.length * 3);
  holes.forEach((i, k) => {
    const x = i % l.w;
    const y = (i - x) / l.w;
    let n = 0;
    for (let dy = -R; dy <= R; dy++) {
      for (let dx = -R; dx <= R; dx++) {
        const cx = x + dx;
        const cy = y + dy;
        if (cx < 0 || cy < 0 || cx >= l.w || cy >= l.h) continue;
        const m = nnf[cy * l.w + cx]!;
        if (m < 0) continue;
        const j = (m - dx - dy * l.w) * 3;
        acc[k * 3]! += l.px[j]!;
        acc[k * 3 + 1]! += l.px[j + 1]!;
        acc[k * 3 + 2]! += l.px[j + 2]!;
        n++;
      }
    }
    for (let c = 0; c < 3; c++) acc[k * 3 + c]! /= n;
  });
  holes.forEach((i, k) => l.px.set(acc.subarray(k * 3, k * 3 + 3), i * 3));
}

/**
 * Channel c of an RGB plane (w × h) at the point that pixel (x, y) of an f-times finer grid
 * centres on, bilinear, clamped at the edges.
 */
function upsampled(px: Float32Array, w: number, h: number, f: number, x: number, y: number, c: number): number {
  const sx = Math.min(w - 1, Math.max(0, (x + 0.5) / f - 0.5));
  const sy = Math.min(h - 1, Math.max(0, (y + 0.5) / f - 0.5));
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const tx = sx - x0;
  const ty = sy - y0;
  const a = px[(y0 * w + x0) * 3 + c]!;
  const b = px[(y0 * w + x1) * 3 + c]!;
  const d = px[(y1 * w + x0) * 3 + c]!;
  const e = px[(y1 * w + x1) * 3 + c]!;
  return (a + tx * (b - a)) * (1 - ty) + (d + tx * (e - d)) * ty;
}

/** Bilinear upsampling of a level's pixels into the hole pixels of a finer one. */
function seed(coarse: Level, fine: Level, f: number): void {
  for (let y = 0; y < fine.h; y++) {
    for (let x = 0; x < fine.w; x++) {
      const i = y * fine.w + x;
      if (fine.hole[i]) for (let c = 0; c < 3; c++) fine.px[i * 3 + c] = upsampled(coarse.px, coarse.w, coarse.h, f, x, y, c);
    }
  }
}

/**
 * `img` with the pixels where `hole` is non-zero replaced by background texture from the rest of
 * `img`. Returns a new image; pixels outside the hole are copied unchanged.
 */
export function fillHole(img: RgbImage, hole: Uint8Array, seedValue = 1): RgbImage {
  const { width: w, height: h } = img;
  const f0 = Math.max(1, Math.ceil(Math.max(w, h) / FILL_MAX_SIDE));
  const full: Level = { w, h, px: Float32Array.from(img.data), hole };
  const levels: Level[] = [f0 === 1 ? full : shrink(full, f0)];
  while (Math.min(levels.at(-1)!.w, levels.at(-1)!.h) > 2 * COARSEST) levels.push(shrink(levels.at(-1)!, 2));
  const rnd = uniformRng(seedValue);
  onionPeel(levels.at(-1)!);
  for (let k = levels.length - 1; k >= 0; k--) {
    const l = levels[k]!;
    if (k < levels.length - 1) seed(levels[k + 1]!, l, 2);
    const src = sources(l);
    if (src.list.length) for (let e = 0; e < EM_STEPS; e++) refine(l, src, rnd);
  }
  const out = new Uint8Array(img.data);
  const top = levels[0]!;
  if (f0 !== 1) seed(top, full, f0);
  const offset = boundaryOffset(full);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.max(0, Math.min(255, Math.round(full.px[i * 3 + c]! + offset[i * 3 + c]!)));
  }
  return { width: w, height: h, data: out };
}

/**
 * A smooth offset over the hole that meets the background at its edge: at each hole pixel next
 * to a known one, what the known neighbours are minus what the fill put there; inside, those
 * values spread by push–pull (Gortler et al. 1996: halve with weights, then fill each level from
 * the coarser one where it had less than full weight). The fill is made at most FILL_MAX_SIDE
 * across from patches anywhere around the head, so along its edge it can be another colour than
 * the scene right next to it (a dark hair patch against a lit wall); where the head draws in by
 * a few pixels, that band is all that shows, and it showed as a dark outline. With the offset
 * the band takes the scene's colour next to it and keeps the fill's texture.
 */
function boundaryOffset(l: Level): Float32Array {
  const { w, h, px, hole } = l;
  // Level 0: the jump across the hole's edge, weight 1 where there is one.
  const val = new Float32Array(w * h * 3);
  const wt = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!hole[i]) continue;
      let n = 0;
      const sum = [0, 0, 0];
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h || hole[yy * w + xx]) continue;
        const j = yy * w + xx;
        for (let c = 0; c < 3; c++) sum[c]! += px[j * 3 + c]! - px[i * 3 + c]!;
        n++;
      }
      if (!n) continue;
      for (let c = 0; c < 3; c++) val[i * 3 + c] = sum[c]! / n;
      wt[i] = 1;
    }
  }
  // Push: weighted sums over 2×2 blocks, down to one pixel.
  const pyramid: Array<{ w: number; h: number; val: Float32Array; wt: Float32Array }> = [{ w, h, val, wt }];
  while (pyramid.at(-1)!.w > 1 || pyramid.at(-1)!.h > 1) {
    const f = pyramid.at(-1)!;
    const cw = Math.ceil(f.w / 2);
    const ch = Math.ceil(f.h / 2);
    const cv = new Float32Array(cw * ch * 3);
    const cwt = new Float32Array(cw * ch);
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const i = y * f.w + x;
        const j = (y >> 1) * cw + (x >> 1);
        cwt[j]! += f.wt[i]!;
        for (let c = 0; c < 3; c++) cv[j * 3 + c]! += f.val[i * 3 + c]! * f.wt[i]!;
      }
    }
    for (let j = 0; j < cw * ch; j++) if (cwt[j]! > 0) for (let c = 0; c < 3; c++) cv[j * 3 + c]! /= cwt[j]!;
    pyramid.push({ w: cw, h: ch, val: cv, wt: cwt });
  }
  // Pull: each level takes the coarser one (bilinear) in the share its own weight leaves.
  for (let k = pyramid.length - 2; k >= 0; k--) {
    const f = pyramid[k]!;
    const c = pyramid[k + 1]!;
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const i = y * f.w + x;
        const own = Math.min(1, f.wt[i]!);
        if (own >= 1) continue;
        for (let ch = 0; ch < 3; ch++) f.val[i * 3 + ch] = own * f.val[i * 3 + ch]! + (1 - own) * upsampled(c.val, c.w, c.h, 2, x, y, ch);
        f.wt[i] = 1;
      }
    }
  }
  return val;
}
