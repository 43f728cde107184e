/**
 * Fold detection and prevention. The mapping folds where the determinant of its Jacobian is ≤ 0:
 * there the picture turns inside out (two target regions sample the same source pixels in
 * reverse order). We sample det J on a grid over the whole image and a finer one over the face,
 * where large drags concentrate the bending, and if the drag folds we scale it back towards the
 * source by the largest blend factor that keeps det J safely positive (binary search).
 */
import { fitMapping, type Mapping } from './mapping.js';
import { jacobianDet } from './tps.js';
import { lerpPoints, type Point, type Points } from './points.js';

/** det J below this counts as a fold: a 10× area squeeze is already a visible smear. */
export const MIN_JACOBIAN = 0.1;
const GRID_IMAGE = 32;
const GRID_FACE = 48;
const SEARCH_STEPS = 8;

/** Smallest det J of the mapping over the sample grids (normalised coordinates). */
export function minJacobian(m: Mapping, focus: Points): number {
  const s = m.norm;
  let min = Infinity;
  const scan = (x0: number, y0: number, x1: number, y1: number, n: number) => {
    for (let j = 0; j <= n; j++) {
      const y = (y0 + ((y1 - y0) * j) / n) / s;
      for (let i = 0; i <= n; i++) min = Math.min(min, jacobianDet(m.tps, (x0 + ((x1 - x0) * i) / n) / s, y));
    }
  };
  scan(0, 0, m.width - 1, m.height - 1, GRID_IMAGE);
  const [bx0, by0, bx1, by1] = bounds(focus);
  const pad = 0.25 * Math.max(bx1 - bx0, by1 - by0);
  const clampX = (v: number) => Math.min(m.width - 1, Math.max(0, v));
  const clampY = (v: number) => Math.min(m.height - 1, Math.max(0, v));
  scan(clampX(bx0 - pad), clampY(by0 - pad), clampX(bx1 + pad), clampY(by1 + pad), GRID_FACE);
  return min;
}

function bounds(pts: Points): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of pts) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

export interface SafeMapping {
  mapping: Mapping;
  /** The target actually used: the requested one, or scaled back towards the source. */
  target: Point[];
  /** Fraction of the requested displacement kept (1 when nothing had to be scaled back). */
  blend: number;
  /** True when the requested target would have folded the image. */
  folded: boolean;
}

export function safeMapping(width: number, height: number, source: Points, target: Points): SafeMapping {
  const focus = [...source, ...target];
  const tryBlend = (t: number) => {
    const tgt = t === 1 ? target.map((p): Point => [p[0], p[1]]) : lerpPoints(source, target, t);
    const mapping = fitMapping(width, height, source, tgt);
    return { mapping, target: tgt, ok: minJacobian(mapping, focus) > MIN_JACOBIAN };
  };
  const full = tryBlend(1);
  if (full.ok) return { mapping: full.mapping, target: full.target, blend: 1, folded: false };
  let lo = 0;
  let hi = 1;
  let best = tryBlend(0);
  for (let i = 0; i < SEARCH_STEPS; i++) {
    const mid = (lo + hi) / 2;
    const r = tryBlend(mid);
    if (r.ok) {
      lo = mid;
      best = r;
    } else {
      hi = mid;
    }
  }
  return { mapping: best.mapping, target: best.target, blend: lo, folded: true };
}
