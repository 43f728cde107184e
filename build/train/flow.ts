/**
 * The AutoToon artist warp as a point map. The dataset stores a BACKWARD flow on a 32×32 grid
 * (caricature pixel q samples the photo at q + d(q), like torch grid_sample with identity + flow),
 * so a photo landmark p lands at the q solving q + d(q) = p; we find it by the fixed-point
 * iteration q ← p − d(q), which converges because the artist flows are smooth and small
 * (|∇d| ≪ 1). The unit convention is an input so the extraction script can test the candidates
 * against landmarks detected on the caricatures.
 */
import type { Point } from '../../common/geometry.js';

export interface FlowConvention {
  /** Pixels per flow unit (e.g. W for [0,1] units, W/2 for grid_sample's [−1,1] units). */
  scale: number;
  /** +1: caricature(q) = photo(q + d); −1: caricature(q) = photo(q − d). */
  sign: 1 | -1;
  /** true when channel 0 is y rather than x. */
  swap: boolean;
}

/** Bilinear sample of a (2, n, n) field at image point (x, y), grid corners on the image corners. */
export function sampleFlow(field: Float32Array, n: number, width: number, height: number, [x, y]: Point): Point {
  const gx = Math.min(n - 1, Math.max(0, (x / (width - 1)) * (n - 1)));
  const gy = Math.min(n - 1, Math.max(0, (y / (height - 1)) * (n - 1)));
  const x0 = Math.min(n - 2, Math.floor(gx));
  const y0 = Math.min(n - 2, Math.floor(gy));
  const fx = gx - x0;
  const fy = gy - y0;
  const at = (c: number) => {
    const b = c * n * n;
    const v = (i: number, j: number) => field[b + j * n + i]!;
    return (1 - fy) * ((1 - fx) * v(x0, y0) + fx * v(x0 + 1, y0)) + fy * ((1 - fx) * v(x0, y0 + 1) + fx * v(x0 + 1, y0 + 1));
  };
  return [at(0), at(1)];
}

/** Where a photo point p ends up in the caricature under the backward flow (fixed point, see above). */
export function pushThroughFlow(field: Float32Array, n: number, width: number, height: number, p: Point, c: FlowConvention): Point {
  let q: Point = [p[0], p[1]];
  for (let it = 0; it < 50; it++) {
    const f = sampleFlow(field, n, width, height, q);
    const d: Point = c.swap ? [f[1], f[0]] : f;
    const next: Point = [p[0] - c.sign * c.scale * d[0], p[1] - c.sign * c.scale * d[1]];
    const moved = Math.hypot(next[0] - q[0], next[1] - q[1]);
    q = next;
    if (moved < 1e-4) break;
  }
  return q;
}
