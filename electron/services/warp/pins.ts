/**
 * Points that hold the other faces of a group photo still while one face is warped: the outline
 * every other point, brows, nose tip, eye corners and mouth corners/centre — 20 per face keep a
 * face rigid without tripling the spline's size (its solve is cubic in the point count).
 */
import type { Point, Points } from '../../../common/geometry.js';

export const PIN_POINTS: readonly number[] = [0, 2, 4, 6, 8, 10, 12, 14, 16, 19, 24, 30, 36, 39, 42, 45, 48, 51, 54, 57];

/** Pins for every face except the `edited` one(s) (indices into `faces`). */
export function pinsFor(faces: readonly Points[], edited: number | readonly number[]): Point[] {
  const skip = typeof edited === 'number' ? [edited] : edited;
  return faces.flatMap((f, i) => (skip.includes(i) ? [] : PIN_POINTS.map((j): Point => [f[j]![0], f[j]![1]])));
}
