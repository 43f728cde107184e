/**
 * Separable Gaussian blur of one float plane, borders clamped. Kept exact (not the three-box
 * approximation of faces/raster.ts) because difference-of-Gaussians detail at σ 1–2 px is what
 * places a style's lines, and box passes are too coarse at that scale.
 */
export function gaussianBlur(src: Float32Array, w: number, h: number, sigma: number): Float32Array {
  if (!(sigma > 0)) return src.slice();
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * r + 1);
  let s = 0;
  for (let i = -r; i <= r; i++) s += k[i + r] = Math.exp((-i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= s;
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  // One padded line at a time, so the inner loop reads without clamping.
  const line = new Float32Array(Math.max(w, h) + 2 * r);
  const pass = (from: Float32Array, to: Float32Array, n: number, lines: number, stride: number, step: number) => {
    for (let j = 0; j < lines; j++) {
      const o = j * stride;
      for (let i = 0; i < n; i++) line[r + i] = from[o + i * step]!;
      const first = line[r]!;
      const last = line[r + n - 1]!;
      for (let i = 0; i < r; i++) [line[i], line[r + n + i]] = [first, last];
      for (let i = 0; i < n; i++) {
        let a = 0;
        for (let t = 0; t <= 2 * r; t++) a += k[t]! * line[i + t]!;
        to[o + i * step] = a;
      }
    }
  };
  pass(src, tmp, w, h, w, 1);
  pass(tmp, out, h, w, 1, w);
  return out;
}
