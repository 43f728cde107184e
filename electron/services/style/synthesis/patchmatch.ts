/**
 * The two kernels of guided patch synthesis on one pyramid level (StyLit, Fišer et al. 2016;
 * the ebsynth form of it): a PatchMatch search (Barnes et al. 2009) of the nearest-neighbour field
 * from target patches to source patches, and the EM voting step that rebuilds the target from it.
 *
 * Both work on a band of target rows so two workers can share one level in SharedArrayBuffers;
 * reads across the band edge race benignly (PatchMatch tolerates a stale neighbour).
 *
 * Per-pixel features are interleaved and already scaled by √weight: channels 0..2 are the style
 * (the artwork's colours in the source, the current estimate in the target), the rest are guides.
 * So the patch error is a plain sum of squares, plus a label mismatch term and the uniformity
 * penalty: each source patch's use count over the even share |T|/|S| (what keeps the output from
 * washing out into the few patches that match everything — StyLit's uniform use of the exemplar).
 */

import type { Lattice } from './screen.js';

export interface Level {
  sw: number;
  sh: number;
  tw: number;
  th: number;
  /** Channels per pixel in the feature planes (3 style + guides). */
  c: number;
  srcFeat: Float32Array;
  tgtFeat: Float32Array;
  /** The artwork's colours at this level (unscaled, 3 per pixel): what voting pastes. */
  srcRgb: Float32Array;
  /** Region labels (hair, skin, …) or empty when the artwork has no face. */
  srcLabel: Uint8Array;
  tgtLabel: Uint8Array;
  /** Source pixel index of each target patch's centre, and its current error. */
  nnf: Int32Array;
  cost: Float32Array;
  /** Use count per source pixel (as a patch centre). */
  omega: Int32Array;
}

export interface SearchParams {
  /** Patch radius (size 2r + 1). */
  r: number;
  /** Weight of a label mismatch per sampled pixel. */
  labelWeight: number;
  /** Uniformity penalty weight (in units of the patch error). */
  uniformity: number;
  /** Leave the style channels out (the coarsest level's first pass: there is no estimate yet). */
  guidesOnly: boolean;
  /** Sample every `stride`-th pixel of the patch in the error (2 for r ≥ 2: a third of the work, the same winners mostly). */
  stride: number;
  /** Largest random-search window (after a good upsampled start only a local search pays). */
  searchRadius: number;
  /** The artwork's screen at this level (screen.ts): every offset (source − target) kept on its lattice, so copied marks stay in phase. */
  lattice?: Lattice | undefined;
}

/** xorshift32: deterministic per worker, cheap. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Error of the target patch at (tx, ty) against the source patch centred at p, abandoned above `limit`. */
function patchError(L: Level, P: SearchParams, tx: number, ty: number, p: number, limit: number): number {
  const { sw, tw, th, c, srcFeat, tgtFeat, srcLabel, tgtLabel } = L;
  const r = P.r;
  const c0 = P.guidesOnly ? 3 : 0;
  const labels = P.labelWeight > 0 && srcLabel.length > 0;
  const px = p % sw;
  const py = (p - px) / sw;
  let e = 0;
  const st = P.stride;
  for (let dy = -r; dy <= r; dy += st) {
    let y = ty + dy;
    y = y < 0 ? 0 : y >= th ? th - 1 : y;
    const srow = (py + dy) * sw + px;
    const trow = y * tw;
    for (let dx = -r; dx <= r; dx += st) {
      let x = tx + dx;
      x = x < 0 ? 0 : x >= tw ? tw - 1 : x;
      const si = srow + dx;
      const ti = trow + x;
      const so = si * c;
      const to = ti * c;
      for (let k = c0; k < c; k++) {
        const d = srcFeat[so + k]! - tgtFeat[to + k]!;
        e += d * d;
      }
      if (labels && srcLabel[si] !== tgtLabel[ti]) e += P.labelWeight;
    }
    if (e > limit) return e;
  }
  return e;
}

/** Clamps a source centre so its whole patch lies inside the source. */
function clampCentre(L: Level, r: number, x: number, y: number): number {
  const cx = x < r ? r : x > L.sw - 1 - r ? L.sw - 1 - r : x;
  const cy = y < r ? r : y > L.sh - 1 - r ? L.sh - 1 - r : y;
  return cy * L.sw + cx;
}

/**
 * The source centre for target (x, y) nearest to (sx, sy) whose offset lies on the screen's
 * lattice: the wish is kept `reach` px inside the source first, so the snap stays inside.
 */
export function latticeCentre(L: Level, r: number, lat: Lattice, x: number, y: number, sx: number, sy: number): number {
  const mx = Math.max(0, Math.min(lat.reach, ((L.sw - 1) >> 1) - r));
  const my = Math.max(0, Math.min(lat.reach, ((L.sh - 1) >> 1) - r));
  const cx = sx < r + mx ? r + mx : sx > L.sw - 1 - r - mx ? L.sw - 1 - r - mx : sx;
  const cy = sy < r + my ? r + my : sy > L.sh - 1 - r - my ? L.sh - 1 - r - my : sy;
  lat.snap(cx - x, cy - y);
  return clampCentre(L, r, x + lat.x, y + lat.y);
}

/** Recomputes the error of every target patch in the band for its current match (the target changed). */
export function refreshCosts(L: Level, P: SearchParams, y0: number, y1: number): void {
  for (let y = y0; y < y1; y++) for (let x = 0; x < L.tw; x++) L.cost[y * L.tw + x] = patchError(L, P, x, y, L.nnf[y * L.tw + x]!, Infinity);
}

/** Random matches for the band (the coarsest level's start). */
export function randomField(L: Level, r: number, y0: number, y1: number, rand: () => number, lattice?: Lattice): void {
  const spanX = L.sw - 2 * r;
  const spanY = L.sh - 2 * r;
  for (let i = y0 * L.tw; i < y1 * L.tw; i++) {
    const sy = r + Math.floor(rand() * spanY);
    const sx = r + Math.floor(rand() * spanX);
    const p = lattice ? latticeCentre(L, r, lattice, i % L.tw, Math.floor(i / L.tw), sx, sy) : sy * L.sw + sx;
    L.nnf[i] = p;
    Atomics.add(L.omega, p, 1);
  }
}

/**
 * One candidate match p for the target patch at (x, y): taken when its error plus its use penalty
 * beats st = [best source index, best error]. (State in an array, not a per-pixel closure: the
 * closure's allocation was a fifth of the search's time.)
 */
function consider(L: Level, P: SearchParams, x: number, y: number, p: number, u: number, st: Float64Array): void {
  if (p === st[0]) return;
  const pen = u * L.omega[p]!;
  if (pen >= st[1]!) return;
  const e = patchError(L, P, x, y, p, st[1]! - pen) + pen;
  if (e < st[1]!) {
    st[1] = e;
    st[0] = p;
  }
}

/**
 * PatchMatch iterations over target rows [y0, y1): propagation from the scan's previous
 * neighbours, then random search around the best in halving windows. `cancelled` is polled per row.
 */
export function search(L: Level, P: SearchParams, y0: number, y1: number, iterations: number, rand: () => number, cancelled: () => boolean): void {
  const { sw, sh, tw, nnf, cost, omega } = L;
  const r = P.r;
  const lat = P.lattice;
  // The even share of the target among usable source centres; using a source patch k times costs k / share.
  const share = (tw * L.th) / Math.max(1, (sw - 2 * r) * (sh - 2 * r));
  const u = P.uniformity / share;
  const maxRadius = Math.min(P.searchRadius, Math.max(sw, sh));
  const st = new Float64Array(2);
  for (let it = 0; it < iterations; it++) {
    const fwd = it % 2 === 0;
    const step = fwd ? 1 : -1;
    for (let yy = 0; yy < y1 - y0; yy++) {
      if (cancelled()) return;
      const y = fwd ? y0 + yy : y1 - 1 - yy;
      for (let xx = 0; xx < tw; xx++) {
        const x = fwd ? xx : tw - 1 - xx;
        const q = y * tw + x;
        st[0] = nnf[q]!;
        st[1] = cost[q]! + u * (omega[st[0]]! - 1);
        // Propagation: the neighbour's match shifted by one pixel (the same offset: on a screen's
        // lattice it stays there, unless clamping at the source's edge would move it off).
        const nx = x - step;
        if (nx >= 0 && nx < tw) {
          const pn = nnf[q - step]!;
          const px = (pn % sw) + step;
          if (!lat || (px >= r && px < sw - r)) consider(L, P, x, y, clampCentre(L, r, px, (pn - (pn % sw)) / sw), u, st);
        }
        const ny = y - step;
        if (ny >= 0 && ny < L.th) {
          const pn = nnf[q - step * tw]!;
          const px = pn % sw;
          const py = (pn - px) / sw + step;
          if (!lat || (py >= r && py < sh - r)) consider(L, P, x, y, clampCentre(L, r, px, py), u, st);
        }
        // Random search around the best so far (on a screen, snapped to its lattice).
        for (let rad = maxRadius; rad >= 1; rad >>= 1) {
          const bx = st[0] % sw;
          const by = (st[0] - bx) / sw;
          const sx = bx + Math.round((2 * rand() - 1) * rad);
          const sy = by + Math.round((2 * rand() - 1) * rad);
          consider(L, P, x, y, lat ? latticeCentre(L, r, lat, x, y, sx, sy) : clampCentre(L, r, sx, sy), u, st);
        }
        const best = st[0];
        const old = nnf[q]!;
        if (best !== old) {
          Atomics.sub(omega, old, 1);
          Atomics.add(omega, best, 1);
          nnf[q] = best;
          cost[q] = patchError(L, P, x, y, best, Infinity);
        }
      }
    }
  }
}

/**
 * EM voting for rows [y0, y1): each target pixel is the mean of what the patches overlapping it
 * paste there, each patch weighted by exp(−error / (2σ²)) with σ² the band's median error, so a
 * poorly matched patch blurs less into its neighbours (the voting blur that flattens marks).
 * Writes RGB (0..1) into `out` (3 per target pixel).
 */
export function vote(L: Level, r: number, sharpen: number, y0: number, y1: number, out: Float32Array, cancelled: () => boolean): void {
  const { sw, tw, th, nnf, cost, srcRgb } = L;
  // A robust error scale from a sample of the band's costs.
  const sample: number[] = [];
  for (let i = y0 * tw; i < y1 * tw; i += 97) sample.push(cost[i]!);
  sample.sort((a, b) => a - b);
  const scale = sharpen > 0 ? sharpen / Math.max(1e-6, sample[sample.length >> 1] ?? 1) : 0;
  // Each patch's weight once (not once per pixel it covers), for the band and the r rows around it.
  const ya = Math.max(0, y0 - r);
  const yb = Math.min(th, y1 + r);
  const weight = new Float32Array((yb - ya) * tw);
  for (let q = ya * tw; q < yb * tw; q++) weight[q - ya * tw] = scale > 0 ? Math.exp(-Math.min(30, cost[q]! * scale)) : 1; // capped: never all zero
  for (let y = y0; y < y1; y++) {
    if (cancelled()) return;
    for (let x = 0; x < tw; x++) {
      let r0 = 0;
      let g0 = 0;
      let b0 = 0;
      let wsum = 0;
      for (let dy = -r; dy <= r; dy++) {
        const qy = y + dy;
        if (qy < 0 || qy >= th) continue;
        for (let dx = -r; dx <= r; dx++) {
          const qx = x + dx;
          if (qx < 0 || qx >= tw) continue;
          const q = qy * tw + qx;
          // The pixel (x, y) sits at offset (−dx, −dy) of the patch centred at q.
          const s = 3 * (nnf[q]! - dy * sw - dx);
          const w = weight[q - ya * tw]!;
          r0 += w * srcRgb[s]!;
          g0 += w * srcRgb[s + 1]!;
          b0 += w * srcRgb[s + 2]!;
          wsum += w;
        }
      }
      const o = 3 * (y * tw + x);
      const k = wsum > 0 ? 1 / wsum : 0;
      out[o] = r0 * k;
      out[o + 1] = g0 * k;
      out[o + 2] = b0 * k;
    }
  }
}
