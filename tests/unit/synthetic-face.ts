/** Landmarks for unit tests of face geometry (no detector needed). */
import type { Point } from '../../common/geometry.js';

/** A synthetic upright 68-point face centred at (cx, cy) with eye distance 2·s (iBUG order). */
export function syntheticFace(cx: number, cy: number, s: number): Point[] {
  const p: Point[] = [];
  for (let i = 0; i < 17; i++) {
    const a = Math.PI * (i / 16); // jaw: a U from the left temple to the right one
    p.push([cx - 1.9 * s * Math.cos(a), cy - 0.2 * s + 2.0 * s * Math.sin(a)]);
  }
  for (let i = 0; i < 5; i++) p.push([cx - 1.6 * s + 0.25 * s * i, cy - 1.4 * s]); // left brow
  for (let i = 0; i < 5; i++) p.push([cx + 0.6 * s + 0.25 * s * i, cy - 1.4 * s]); // right brow
  for (let i = 0; i < 4; i++) p.push([cx, cy - 0.9 * s + 0.3 * s * i]); // nose bridge 27–30
  for (let i = 0; i < 5; i++) p.push([cx - 0.4 * s + 0.2 * s * i, cy + 0.45 * s]); // nostrils 31–35
  const eye = (ex: number): Point[] =>
    [[-0.35, 0], [-0.12, -0.15], [0.12, -0.15], [0.35, 0], [0.12, 0.15], [-0.12, 0.15]].map(([dx, dy]) => [ex + dx! * s, cy - s + dy! * s]);
  p.push(...eye(cx - s), ...eye(cx + s));
  for (let i = 0; i < 12; i++) {
    const a = (2 * Math.PI * i) / 12;
    p.push([cx - 0.7 * s * Math.cos(a), cy + 1.0 * s - 0.3 * s * Math.sin(a)]); // outer lip 48–59
  }
  for (let i = 0; i < 8; i++) {
    const a = (2 * Math.PI * i) / 8;
    p.push([cx - 0.5 * s * Math.cos(a), cy + 1.0 * s - 0.1 * s * Math.sin(a)]); // inner lip 60–67
  }
  return p;
}
