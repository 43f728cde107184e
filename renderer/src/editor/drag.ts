/**
 * Pure geometry of a handle drag: which landmarks move and by how much, with the symmetry lock
 * mirroring the displacement across the face's vertical axis (perpendicular to the eye line).
 */
import type { Point } from '../../../electron/ipc/define';
import { MIRROR } from './regions';

/** Unit vector along the face's horizontal axis (left eye centre → right eye centre). */
export function faceHorizontal(landmarks: readonly Point[]): Point {
  const c = (a: number, b: number): Point => {
    let x = 0;
    let y = 0;
    for (let i = a; i <= b; i++) {
      x += landmarks[i]![0];
      y += landmarks[i]![1];
    }
    return [x / (b - a + 1), y / (b - a + 1)];
  };
  const l = c(36, 41);
  const r = c(42, 47);
  const dx = r[0] - l[0];
  const dy = r[1] - l[1];
  const n = Math.hypot(dx, dy);
  return n > 1e-9 ? [dx / n, dy / n] : [1, 0];
}

/**
 * Moves `moved` landmarks of `start` by `delta`. With symmetry on, each moved point's mirror
 * partner moves by the reflected delta, and a midline point moves only along the axis.
 */
export function dragLandmarks(start: readonly Point[], moved: readonly number[], delta: Point, symmetry: boolean): Point[] {
  const out = start.map((p) => [p[0], p[1]] as Point);
  const u = faceHorizontal(start);
  const along = delta[0] * u[0] + delta[1] * u[1];
  const mirrored: Point = [delta[0] - 2 * along * u[0], delta[1] - 2 * along * u[1]];
  const axial: Point = [delta[0] - along * u[0], delta[1] - along * u[1]];
  const set = new Set(moved);
  const shift = new Map<number, Point>();
  for (const i of moved) {
    const j = MIRROR[i]!;
    if (symmetry && j === i) shift.set(i, axial);
    else shift.set(i, delta);
    if (symmetry && j !== i && !set.has(j)) shift.set(j, mirrored);
  }
  for (const [i, d] of shift) out[i] = [start[i]![0] + d[0], start[i]![1] + d[1]];
  return out;
}

/** Indices of the points inside an axis-aligned rectangle (any corner order). */
export function pointsInRect(points: readonly Point[], a: Point, b: Point): number[] {
  const [x0, x1] = a[0] < b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [y0, y1] = a[1] < b[1] ? [a[1], b[1]] : [b[1], a[1]];
  const out: number[] = [];
  points.forEach((p, i) => {
    if (p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1) out.push(i);
  });
  return out;
}
