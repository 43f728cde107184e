/**
 * The plane geometry every layer shares: points and boxes in image pixels unless said otherwise.
 * Point sets are never mutated in place — every function here returns new values.
 */

/** [x, y]. */
export type Point = [number, number];
export type Points = readonly Point[];
/** A face box as detectors report it and the CLI prints it: [x, y, width, height]. */
export type Box = [number, number, number, number];
/** Extent of a point set as corners: [x0, y0, x1, y1]. */
export type Bounds = [number, number, number, number];

export function centroid(pts: Points, idx?: readonly number[]): Point {
  const ids = idx ?? pts.map((_, i) => i);
  let x = 0;
  let y = 0;
  for (const i of ids) {
    const p = pts[i]!;
    x += p[0];
    y += p[1];
  }
  return [x / ids.length, y / ids.length];
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function allFinite(pts: Points): boolean {
  return pts.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

export function bounds(pts: Points): Bounds {
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

/**
 * Points of an image in the pixels of its resized copy (scale `s`), or of a crop starting at
 * `origin` resized by `s`. Pixel centres map to centres — x' = (x − x₀ + ½)·s − ½ — as every
 * resampler here does; a plain x·s would shift each landmark by up to half a pixel of the copy.
 * s = 1 and no origin gives the points back unchanged (copied).
 */
export function resizePoints(pts: Points, s: number, origin: Point = [0, 0]): Point[] {
  const [ox, oy] = origin;
  if (s === 1) return pts.map((p): Point => [p[0] - ox, p[1] - oy]);
  return pts.map((p): Point => [(p[0] - ox + 0.5) * s - 0.5, (p[1] - oy + 0.5) * s - 0.5]);
}
