/**
 * Dense linear solve for the thin-plate spline system (a few hundred unknowns at most), in
 * float64 with partial pivoting. The TPS matrix [K P; Pᵀ 0] is symmetric but indefinite, so
 * Cholesky does not apply; LU with row pivoting is the standard, stable choice.
 */

/**
 * Solves A·X = B in place for an n×n row-major A and an n×m row-major B; returns X (in B's
 * storage) or null when A is numerically singular.
 */
export function solveInPlace(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array | null {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  const tiny = Math.max(scale, 1) * n * 1e-14;
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = Math.abs(a[col * n + col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * n + col]!);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (best <= tiny) return null;
    if (piv !== col) {
      for (let c = 0; c < n; c++) swap(a, piv * n + c, col * n + c);
      for (let c = 0; c < m; c++) swap(b, piv * m + c, col * m + c);
    }
    const pr = col * n;
    const d = a[pr + col]!;
    for (let r = col + 1; r < n; r++) {
      const rr = r * n;
      const f = a[rr + col]! / d;
      if (f === 0) continue;
      // Column `col` below the diagonal is never read again, so the update starts right of it.
      // Unrolled by 4: V8 does not vectorise, and the row update is nearly all of the solve
      // (n = 139 with pins: 1.24 → 0.95 ms); every entry gets the same arithmetic as before.
      let c = col + 1;
      for (; c + 3 < n; c += 4) {
        a[rr + c]! -= f * a[pr + c]!;
        a[rr + c + 1]! -= f * a[pr + c + 1]!;
        a[rr + c + 2]! -= f * a[pr + c + 2]!;
        a[rr + c + 3]! -= f * a[pr + c + 3]!;
      }
      for (; c < n; c++) a[rr + c]! -= f * a[pr + c]!;
      for (let c = 0; c < m; c++) b[r * m + c]! -= f * b[col * m + c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    const d = a[r * n + r]!;
    for (let c = 0; c < m; c++) {
      let s = b[r * m + c]!;
      for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * b[k * m + c]!;
      b[r * m + c] = s / d;
    }
  }
  return b;
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
}
