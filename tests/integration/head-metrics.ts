/**
 * Measurements of a head-layer warp for the issue #13 acceptance tests: the local area ratio of
 * the spline actually used (after fold prevention) in the hair and inside the face, and the
 * feathered head band outside which the photo must be untouched. Defined from the landmarks and
 * the spline, not from the layer's own mask, so a leak of the layer shows.
 */
import { applyAffine, canonicalTransform, invertAffine } from '../../common/face68/align.js';
import { fitMapping } from '../../electron/services/warp/mapping.js';
import { facePolygon, faceScale, headOutline, insidePolygon, type HeadRegion } from '../../electron/services/warp/head.js';
import { planHead, safeHeadMapping, type HeadPlan } from '../../electron/services/warp/head-layer.js';
import type { Mapping } from '../../electron/services/warp/mapping.js';
import { evalTps, jacobianDet } from '../../electron/services/warp/tps.js';
import type { Point, Points } from '../../common/geometry.js';

export interface AreaStats {
  samples: number;
  /** Smallest det J of the backward map (≤ 0: a fold). */
  minDet: number;
  /** Forward area ratio (target area / source area) over `scale`², smallest and largest. */
  minRatio: number;
  maxRatio: number;
  /** Where (photo px, source side) the smallest and largest ratio were found. */
  minAt?: Point;
  maxAt?: Point;
}

/**
 * Area statistics of the head warp of `source` → `target` on a `width`×`height` photo, over the
 * output pixels (a grid of `step` px) whose source lies in `where` (a test on source points).
 */
export function areaStats(width: number, height: number, source: Points, target: Points, where: (p: Point) => boolean, scale = 1, step = 3): AreaStats {
  const plan = planHead(width, height, { source, target });
  const [x0, y0, x1, y1] = plan.box;
  const fitted = fitMapping(x1 - x0, y1 - y0, plan.source, plan.target, plan.fixed, false);
  // As the layer does (head-layer.ts warpCrop), with the full check in place of the graph's screen.
  return mappingStats(plan, safeHeadMapping(plan, fitted).mapping, where, scale, step);
}

/** areaStats of a head's crop mapping `m` (crop px, planned as `plan`). */
export function mappingStats(plan: HeadPlan, m: Mapping, where: (p: Point) => boolean, scale = 1, step = 3): AreaStats {
  const [x0, y0, x1, y1] = plan.box;
  const s: AreaStats = { samples: 0, minDet: Infinity, minRatio: Infinity, maxRatio: -Infinity };
  for (let y = 0; y < y1 - y0; y += step) {
    for (let x = 0; x < x1 - x0; x += step) {
      const [u, v] = evalTps(m.tps, x / m.norm, y / m.norm);
      if (!where([u * m.norm + x0, v * m.norm + y0])) continue;
      const det = jacobianDet(m.tps, x / m.norm, y / m.norm);
      const ratio = 1 / (det * scale * scale);
      s.samples++;
      s.minDet = Math.min(s.minDet, det);
      const at: Point = [u * m.norm + x0, v * m.norm + y0];
      if (det > 0 && ratio < s.minRatio) [s.minRatio, s.minAt] = [ratio, at];
      if (det > 0 && ratio > s.maxRatio) [s.maxRatio, s.maxAt] = [ratio, at];
    }
  }
  return s;
}

/**
 * The hair (and the skull under it) as a test on photo points: inside the head region's outline,
 * outside the face grown by its skin margin, and above the ears (the canonical y of the temples,
 * points 0 and 16): where the hair meets the forehead and a tear would open. The skin margin is
 * 20 canonical px (≈ 1.5 cm) above the brows and 12 px around the outline and brow points
 * (turned faces foreshorten the far temple): that skin belongs to the face, and the brow,
 * forehead and face-width sliders shape it on purpose.
 */
export function inHair(source: Points): (p: Point) => boolean {
  const head = headOutline(source);
  const fwd = canonicalTransform(source as Point[]);
  const back = invertAffine(fwd);
  const c = source.map((p) => applyAffine(fwd, p));
  const mid: Point = [(c[0]![0] + c[16]![0]) / 2, (c[0]![1] + c[16]![1]) / 2];
  const grown = c.map(([x, y], i): Point => {
    if (i >= 17 && i < 27) return [x, y - 20];
    const d = Math.hypot(x - mid[0], y - mid[1]) || 1;
    return [x + (12 * (x - mid[0])) / d, y + (12 * (y - mid[1])) / d];
  });
  const face = facePolygon(grown.map((p) => applyAffine(back, p)));
  const temples = (c[0]![1] + c[16]![1]) / 2;
  const clear = (q: Point) => c.slice(0, 27).every(([x, y]) => Math.hypot(q[0] - x, q[1] - y) >= 12);
  return (p) => {
    if (!insidePolygon(head, p) || insidePolygon(face, p)) return false;
    const q = applyAffine(fwd, p);
    return q[1] < temples && clear(q);
  };
}

export function inFace(source: Points): (p: Point) => boolean {
  const face = facePolygon(source);
  return (p) => insidePolygon(face, p);
}

/**
 * The feathered head band: pixels the layer may change — the head region of the source and of
 * the target (its outline grown by a tenth about the face, for the hair that follows the skull),
 * widened by 4 feathers. 1 = in the band.
 */
export function headBand(width: number, height: number, source: Points, target: Points): Uint8Array {
  const fwd = canonicalTransform(source as Point[]);
  const back = invertAffine(fwd);
  const grow = (poly: Point[]) => {
    const c = applyAffine(fwd, [(source[0]![0] + source[16]![0]) / 2, (source[0]![1] + source[16]![1]) / 2]);
    return poly.map((p) => {
      const q = applyAffine(fwd, p);
      return applyAffine(back, [c[0] + 1.1 * (q[0] - c[0]), c[1] + 1.1 * (q[1] - c[1])]);
    });
  };
  const polys = [grow(headOutline(source)), grow(headOutline(target))];
  const margin = (4 * 6) / Math.hypot(fwd[0], fwd[1]);
  const band = new Uint8Array(width * height);
  const xs = polys.flat().map((p) => p[0]);
  const ys = polys.flat().map((p) => p[1]);
  const bx0 = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const bx1 = Math.min(width, Math.ceil(Math.max(...xs) + margin));
  const by0 = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const by1 = Math.min(height, Math.ceil(Math.max(...ys) + margin));
  const near = (poly: Point[], p: Point) => {
    if (insidePolygon(poly, p)) return true;
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!;
      const b = poly[(i + 1) % poly.length]!;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      if (Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]) <= margin) return true;
    }
    return false;
  };
  for (let y = by0; y < by1; y++) for (let x = bx0; x < bx1; x++) if (polys.some((poly) => near(poly, [x, y]))) band[y * width + x] = 1;
  return band;
}

/** PSNR (dB) of `b` against `a` over the pixels where `mask` is 0; Infinity when identical. */
export function psnrOutside(a: Uint8Array, b: Uint8Array, mask: Uint8Array): { db: number; pixels: number } {
  let se = 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) continue;
    for (let c = 0; c < 3; c++) se += (a[i * 3 + c]! - b[i * 3 + c]!) ** 2;
    n++;
  }
  const mse = se / (3 * n);
  return { db: mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse), pixels: n };
}

/**
 * The feathered head band of a head region other than the landmark estimate (a parser's,
 * head.ts headFromLabels): headBand, plus the pixels where the region's alpha is not 0 in the
 * photo or, through the head's spline (the same as areaStats'), after the edit, grown by 4
 * feathers. From the region and the spline, not from the layer's pixels, so a leak of the
 * layer's compositing still shows.
 */
export function regionBand(width: number, height: number, source: Points, target: Points, region: HeadRegion): Uint8Array {
  const band = headBand(width, height, source, target);
  const plan = planHead(width, height, { source, target, bounds: region.bounds() });
  const [x0, y0, x1, y1] = plan.box;
  const w = x1 - x0;
  const h = y1 - y0;
  const m = safeHeadMapping(plan, fitMapping(w, h, plan.source, plan.target, plan.fixed, false)).mapping;
  const alpha = region.alpha(plan.box).data;
  const on = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && alpha[Math.floor(y) * w + Math.floor(x)]! > 0;
  const hit = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [u, v] = evalTps(m.tps, x / m.norm, y / m.norm);
      if (on(x, y) || on(u * m.norm, v * m.norm)) hit[y * w + x] = 1;
    }
  }
  // Grown by 4 feathers: a square, one pass along the rows and one along the columns.
  const r = Math.ceil(4 * 6 * faceScale(source));
  const grow = (src: Uint8Array, len: number, lines: number, stride: number, step: number) => {
    const out = new Uint8Array(src.length);
    for (let l = 0; l < lines; l++) {
      const at = (i: number) => l * stride + i * step;
      for (let i = 0, last = -Infinity; i < len; i++) {
        if (src[at(i)]) last = i;
        if (i - last <= r) out[at(i)] = 1;
      }
      for (let i = len - 1, next = Infinity; i >= 0; i--) {
        if (src[at(i)]) next = i;
        if (next - i <= r) out[at(i)] = 1;
      }
    }
    return out;
  };
  const grown = grow(grow(hit, w, h, w, 1), h, w, 1, w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (grown[y * w + x]) band[(y0 + y) * width + x0 + x] = 1;
  return band;
}
