/**
 * Thin-plate spline f: R² → R² interpolating control points cᵢ ↦ vᵢ (Bookstein 1989):
 *   f(x) = a₀ + a₁·x + a₂·y + Σᵢ wᵢ·U(|x − cᵢ|),   U(r) = r²·log r²,
 * with the side conditions Σwᵢ = 0, Σwᵢ·cᵢ = 0 that make f minimise the bending energy.
 *
 * The warp uses it backwards: control points are where landmarks must land (targets), values are
 * where their pixels come from (sources), so every output pixel knows what to sample.
 *
 * Coordinates are normalised by the image's longer side before solving: in pixels U reaches 1e8
 * and float32 (the ONNX graph) would lose sub-pixel accuracy. The side conditions make TPS
 * invariant to that scaling (the log-scale term they add is a constant absorbed by a₀).
 */
import { solveTps } from './tps-solve.js';
import type { Point, Points } from '../../../common/geometry.js';

export interface Tps {
  /** Control points (N). */
  centers: Float64Array;
  /** Kernel weights wᵢ, N×2 row-major. */
  weights: Float64Array;
  /** Affine part, rows [a₀; a₁; a₂] × columns (x, y), 3×2 row-major. */
  affine: Float64Array;
}

/** U(r) from r²; U(0) = 0 (the limit), which also keeps the evaluation free of NaN at a centre. */
export function kernel(r2: number): number {
  return r2 > 0 ? r2 * Math.log(r2) : 0;
}

/**
 * Fits the spline. `lambda` adds a smoothing term on K's diagonal: needed when two control points
 * coincide with different values (an artist can drop one landmark onto another), where exact
 * interpolation has no solution; tiny enough not to move a landmark measurably otherwise.
 */
export function fitTps(centers: Points, values: Points, lambda = 1e-9): Tps {
  const n = centers.length;
  if (values.length !== n) throw new Error(`fitTps: ${n} centres but ${values.length} values`);
  const c = new Float64Array(n * 2);
  centers.forEach((p, i) => c.set(p, i * 2));
  for (let attempt = 0; ; attempt++) {
    const a = new Float64Array(n * n);
    const b = new Float64Array(n * 2);
    const lam = lambda * 1000 ** attempt;
    for (let i = 0; i < n; i++) {
      const [xi, yi] = centers[i]!;
      for (let j = i + 1; j < n; j++) {
        const [xj, yj] = centers[j]!;
        const u = kernel((xi - xj) ** 2 + (yi - yj) ** 2);
        a[i * n + j] = u;
        a[j * n + i] = u;
      }
      a[i * n + i] = lam;
      b[i * 2] = values[i]![0];
      b[i * 2 + 1] = values[i]![1];
    }
    const x = solveTps(a, c, b, n);
    if (typeof x === 'object') return { centers: c, ...x };
    // Collinear control points leave the affine part undetermined; more smoothing will not help.
    if (x === 'collinear' || attempt >= 3) throw new Error('fitTps: control points are degenerate (all on one line)');
  }
}

export function evalTps(t: Tps, x: number, y: number): Point {
  const { centers: c, weights: w, affine: a } = t;
  let fx = a[0]! + a[2]! * x + a[4]! * y;
  let fy = a[1]! + a[3]! * x + a[5]! * y;
  for (let i = 0; i < c.length / 2; i++) {
    const u = kernel((x - c[i * 2]!) ** 2 + (y - c[i * 2 + 1]!) ** 2);
    fx += w[i * 2]! * u;
    fy += w[i * 2 + 1]! * u;
  }
  return [fx, fy];
}

/**
 * Determinant of f's Jacobian at (x, y). ∂U/∂x = 2·dx·(log r² + 1), which tends to 0 at a centre.
 * A non-positive determinant means the mapping folds (flips or collapses) the image there.
 */
export function jacobianDet(t: Tps, x: number, y: number): number {
  const { centers: c, weights: w, affine: a } = t;
  let jxx = a[2]!;
  let jxy = a[4]!;
  let jyx = a[3]!;
  let jyy = a[5]!;
  for (let i = 0; i < c.length / 2; i++) {
    const dx = x - c[i * 2]!;
    const dy = y - c[i * 2 + 1]!;
    const r2 = dx * dx + dy * dy;
    if (r2 === 0) continue;
    const g = 2 * (Math.log(r2) + 1);
    jxx += w[i * 2]! * g * dx;
    jxy += w[i * 2]! * g * dy;
    jyx += w[i * 2 + 1]! * g * dx;
    jyy += w[i * 2 + 1]! * g * dy;
  }
  return jxx * jyy - jxy * jyx;
}
