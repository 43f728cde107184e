/**
 * Point sets as the warp code passes them around: [x, y] pairs (the faces service's Point), never
 * mutated in place — every function here returns new arrays.
 */
import type { Point } from '../faces/types.js';

export type { Point };
export type Points = readonly Point[];

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

/** How far outside the image (in image sizes) a warp point may lie and still mean something. */
export const REACH = 10;

/** True when every point lies within REACH image sizes of the image. */
export function withinReach(pts: Points, width: number, height: number): boolean {
  const r = REACH * Math.max(width, height);
  return pts.every(([x, y]) => x >= -r && x <= width + r && y >= -r && y <= height + r);
}

export function allFinite(pts: Points): boolean {
  return pts.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
}
