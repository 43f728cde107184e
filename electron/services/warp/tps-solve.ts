/**
 * Solves the thin-plate-spline system
 *   [K + λI  P] [w]   [v]
 *   [Pᵀ      0] [a] = [0],     P = [1 x y] (n×3),
 * by the null-space method (Wahba 1990, §2.4): with the QR factorisation P = [Q₁ Q₂]·[R; 0], the
 * side conditions Pᵀw = 0 hold exactly for w = Q₂γ, and
 *   (Q₂ᵀ(K + λI)Q₂) γ = Q₂ᵀv,      R·a = Q₁ᵀ(v − (K + λI)w).
 * U(r) = r²·log r² is conditionally positive definite of order 2 (Wendland 2005, Thm 8.17), so
 * Q₂ᵀKQ₂ is positive definite for distinct centres and Cholesky applies: about n³/6 multiply-adds
 * against n³/3 for LU with pivoting on the whole (n+3)² system, which was nearly all of a fit's
 * time on every drag event.
 */

export type TpsSolution = { weights: Float64Array; affine: Float64Array } | 'singular' | 'collinear';

/**
 * `a`: K + λI, n×n row-major symmetric (overwritten); `centers`: n×2; `values`: n×2 (overwritten).
 * Returns the kernel weights (n×2) and affine rows (3×2), 'singular' when the reduced system is
 * not numerically positive definite (coincident centres with different values: more smoothing
 * helps) or 'collinear' when the centres leave the affine part undetermined (it does not).
 */
export function solveTps(a: Float64Array, centers: Float64Array, values: Float64Array, n: number): TpsSolution {
  if (n < 3) return 'collinear';
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  // P's columns, reduced in place to R (top 3 rows) by three Householder reflections.
  const p = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) p.set([1, centers[i * 2]!, centers[i * 2 + 1]!], i * 3);
  const colNorm = [0, 1, 2].map((j) => Math.sqrt(p.reduce((s, x, i) => (i % 3 === j ? s + x * x : s), 0)));
  const us: Float64Array[] = [];
  const taus: number[] = [];
  const r = new Float64Array(9);
  const q = new Float64Array(n);
  for (let j = 0; j < 3; j++) {
    // Reflection I − τuuᵀ (u zero above row j) mapping P[j:, j] onto α·e_j.
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += p[i * 3 + j]! ** 2;
    const x0 = p[j * 3 + j]!;
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    const u = new Float64Array(n);
    for (let i = j; i < n; i++) u[i] = p[i * 3 + j]!;
    u[j] = x0 - alpha;
    const uu = norm2 - x0 * x0 + u[j]! ** 2;
    // Column j is (numerically) a combination of the ones before: centres on one line.
    if (Math.abs(alpha) <= 1e-10 * colNorm[j]! || uu === 0) return 'collinear';
    const tau = 2 / uu;
    us.push(u);
    taus.push(tau);
    for (let l = j; l < 3; l++) {
      let s = 0;
      for (let i = j; i < n; i++) s += u[i]! * p[i * 3 + l]!;
      s *= tau;
      for (let i = j; i < n; i++) p[i * 3 + l]! -= s * u[i]!;
    }
    for (let l = j; l < 3; l++) r[j * 3 + l] = p[j * 3 + l]!;
    reflect(values, u, tau, j, n);
    // A ← HAH as a symmetric rank-2 update: q = τAu − (τ²/2)(uᵀAu)·u, A ← A − uqᵀ − quᵀ.
    let uq = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let k = j; k < n; k++) s += a[row + k]! * u[k]!;
      q[i] = tau * s;
      uq += u[i]! * q[i]!;
    }
    const kappa = (tau / 2) * uq;
    for (let i = 0; i < n; i++) q[i]! -= kappa * u[i]!;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const ui = u[i]!;
      const qi = q[i]!;
      for (let k = 0; k < n; k++) a[row + k]! -= ui * q[k]! + qi * u[k]!;
    }
  }
  // Cholesky of the trailing block Q₂ᵀ(K + λI)Q₂ (rows and columns 3…n−1), lower triangle in place.
  // Right-looking: each new column updates the rows below it with independent multiply-adds
  // (unrolled by 4, as in common/warp/linsolve.ts); the dot-product form is a chain of dependent additions,
  // bound by their latency (measured 1.1 ms against ~0.5 ms here at n = 136).
  const tiny = Math.max(scale, 1) * n * 1e-14;
  const col = new Float64Array(n);
  for (let j = 3; j < n; j++) {
    const d = a[j * n + j]!;
    if (!(d > tiny)) return 'singular';
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) col[i] = a[i * n + j]! /= l;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      const f = col[i]!;
      let k = j + 1;
      for (; k + 3 <= i; k += 4) {
        a[ri + k]! -= f * col[k]!;
        a[ri + k + 1]! -= f * col[k + 1]!;
        a[ri + k + 2]! -= f * col[k + 2]!;
        a[ri + k + 3]! -= f * col[k + 3]!;
      }
      for (; k <= i; k++) a[ri + k]! -= f * col[k]!;
    }
  }
  // γ from L·Lᵀ·γ = (Qᵀv)[3:], kept in rows 3… of g (rows 0…2 zero: g = [0; γ]).
  const g = new Float64Array(n * 2);
  for (let c = 0; c < 2; c++) {
    for (let i = 3; i < n; i++) {
      let s = values[i * 2 + c]!;
      for (let k = 3; k < i; k++) s -= a[i * n + k]! * g[k * 2 + c]!;
      g[i * 2 + c] = s / a[i * n + i]!;
    }
    for (let i = n - 1; i >= 3; i--) {
      let s = g[i * 2 + c]!;
      for (let k = i + 1; k < n; k++) s -= a[k * n + i]! * g[k * 2 + c]!;
      g[i * 2 + c] = s / a[i * n + i]!;
    }
  }
  // Affine part: R·a = (Qᵀv)[0:3] − (Q₁ᵀ(K + λI)Q₂)·γ, the latter in rows 0…2 of the transformed A.
  const affine = new Float64Array(6);
  for (let c = 0; c < 2; c++) {
    for (let i = 2; i >= 0; i--) {
      let s = values[i * 2 + c]!;
      for (let k = 3; k < n; k++) s -= a[i * n + k]! * g[k * 2 + c]!;
      for (let k = i + 1; k < 3; k++) s -= r[i * 3 + k]! * affine[k * 2 + c]!;
      affine[i * 2 + c] = s / r[i * 3 + i]!;
    }
  }
  // w = Q·[0; γ] = H₀H₁H₂·[0; γ].
  for (let j = 2; j >= 0; j--) reflect(g, us[j]!, taus[j]!, j, n);
  return { weights: g, affine };
}

/** x ← (I − τuuᵀ)·x for an n×2 row-major x, u zero above row `from`. */
function reflect(x: Float64Array, u: Float64Array, tau: number, from: number, n: number): void {
  for (let c = 0; c < 2; c++) {
    let s = 0;
    for (let i = from; i < n; i++) s += u[i]! * x[i * 2 + c]!;
    s *= tau;
    for (let i = from; i < n; i++) x[i * 2 + c]! -= s * u[i]!;
  }
}
