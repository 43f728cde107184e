/**
 * Small raster helpers for masks: polygon fill at pixel centres and a separable box blur used to
 * feather mask edges and to fill wiped regions. Single-channel Float32 planes, row-major.
 */
import type { Point } from '../../../common/geometry.js';

export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

export function plane(width: number, height: number): Plane {
  return { width, height, data: new Float32Array(width * height) };
}

/**
 * Sets to 1 every pixel whose centre is inside the polygon (even–odd rule, left/top edges in,
 * right/bottom edges out, so abutting polygons never share a pixel), by scanlines: the
 * crossings of the row y + 0.5 with each edge, sorted, bound the filled spans.
 */
export function fillPolygon(p: Plane, poly: Point[]): void {
  if (poly.length < 3) return;
  const ys = poly.map((q) => q[1]);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(p.height - 1, Math.ceil(Math.max(...ys)));
  const xs: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let i = 0; i < poly.length; i++) {
      const [ax, ay] = poly[i]!;
      const [bx, by] = poly[(i + 1) % poly.length]!;
      // half-open in y so a vertex on the scanline is counted once
      if (ay <= cy !== by <= cy) xs.push(ax + ((cy - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(p.width - 1, Math.ceil(xs[k + 1]! - 0.5) - 1);
      p.data.fill(1, y * p.width + from, y * p.width + to + 1);
    }
  }
}

/**
 * Σ at(clamp(k, 0, len − 1)) for k in −r…r, in O(min(r, len)) steps: the clamped ends repeat the
 * edge values, so a radius far beyond the image (from absurd landmarks) costs no more than the image.
 */
export function clampedWindowSum(at: (i: number) => number, len: number, r: number): number {
  let acc = (r + 1) * at(0);
  const inside = Math.min(r, len - 1);
  for (let k = 1; k <= inside; k++) acc += at(k);
  if (r > len - 1) acc += (r - (len - 1)) * at(len - 1);
  return acc;
}

/** One box-blur pass of radius r along rows then columns (edges clamp). */
function boxBlurPass(src: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let acc = clampedWindowSum((k) => src[row + k]!, width, r);
    for (let x = 0; x < width; x++) {
      tmp[row + x] = acc / n;
      acc += src[row + Math.min(width - 1, x + r + 1)]! - src[row + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < width; x++) {
    let acc = clampedWindowSum((k) => tmp[k * width + x]!, height, r);
    for (let y = 0; y < height; y++) {
      out[y * width + x] = acc / n;
      acc += tmp[Math.min(height - 1, y + r + 1) * width + x]! - tmp[Math.max(0, y - r) * width + x]!;
    }
  }
  return out;
}

/** Three box passes ≈ a Gaussian of σ ≈ r (central limit), in O(pixels) whatever r is. */
export function blur(p: Plane, r: number): Plane {
  if (r < 1) return p;
  let d = p.data;
  for (let i = 0; i < 3; i++) d = boxBlurPass(d, p.width, p.height, Math.round(r));
  return { width: p.width, height: p.height, data: d };
}

/** Pointwise max (union of soft masks). */
export function union(planes: Plane[]): Plane {
  const out = plane(planes[0]!.width, planes[0]!.height);
  for (const q of planes) for (let i = 0; i < out.data.length; i++) out.data[i] = Math.max(out.data[i]!, q.data[i]!);
  return out;
}

/** Scales a polygon about its vertex mean (grow > 1, shrink < 1). */
export function scalePolygon(poly: Point[], sx: number, sy = sx): Point[] {
  const cx = poly.reduce((s, q) => s + q[0], 0) / poly.length;
  const cy = poly.reduce((s, q) => s + q[1], 0) / poly.length;
  return poly.map(([x, y]) => [cx + (x - cx) * sx, cy + (y - cy) * sy]);
}
