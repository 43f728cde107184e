/**
 * The Kuwahara filter (Kuwahara et al. 1976), the edge-preserving smoothing of paintings: each
 * pixel takes the mean of whichever of its four (r+1)×(r+1) corner windows has the least
 * luminance variance, so flat areas flatten and an edge is never averaged across (a window on one
 * side of it wins). Means and variances come from summed-area tables: O(pixels) at any radius,
 * which a 1024² render at radius 12 px needs. Windows are cut at the image's border (their
 * means are over the pixels inside).
 */

/** Summed-area table of `v` (w+1)×(h+1), row 0 and column 0 zero; float64 so sums of a megapixel keep their precision. */
function integral(v: Float32Array, w: number, h: number, square = false): Float64Array {
  const s = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      const a = v[y * w + x]!;
      row += square ? a * a : a;
      s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1]! + row;
    }
  }
  return s;
}

/**
 * `planes` (each w×h) Kuwahara-filtered at radius `r` px, the window chosen on `guide` (their
 * luminance, so every plane takes the same window and colours stay whole). r < 1: copies.
 */
export function kuwahara(planes: Float32Array[], guide: Float32Array, w: number, h: number, r: number): Float32Array[] {
  r = Math.round(r);
  if (r < 1) return planes.map((p) => p.slice());
  const W = w + 1;
  const sl = integral(guide, w, h);
  const sl2 = integral(guide, w, h, true);
  const sp = planes.map((p) => integral(p, w, h));
  const out = planes.map(() => new Float32Array(w * h));
  const box = (s: Float64Array, x0: number, y0: number, x1: number, y1: number) => s[y1 * W + x1]! - s[y0 * W + x1]! - s[y1 * W + x0]! + s[y0 * W + x0]!;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let best = Infinity;
      let bx0 = 0;
      let by0 = 0;
      let bx1 = 0;
      let by1 = 0;
      // The four corner windows, each including the pixel; bounds as half-open table indices.
      for (let q = 0; q < 4; q++) {
        const x0 = q & 1 ? x : Math.max(0, x - r);
        const x1 = q & 1 ? Math.min(w, x + r + 1) : x + 1;
        const y0 = q & 2 ? y : Math.max(0, y - r);
        const y1 = q & 2 ? Math.min(h, y + r + 1) : y + 1;
        const n = (x1 - x0) * (y1 - y0);
        const m = box(sl, x0, y0, x1, y1) / n;
        const v = box(sl2, x0, y0, x1, y1) / n - m * m;
        if (v < best - 1e-12) {
          best = v;
          bx0 = x0;
          by0 = y0;
          bx1 = x1;
          by1 = y1;
        }
      }
      const n = (bx1 - bx0) * (by1 - by0);
      for (let c = 0; c < planes.length; c++) out[c]![y * w + x] = box(sp[c]!, bx0, by0, bx1, by1) / n;
    }
  return out;
}
