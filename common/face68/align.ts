/**
 * The canonical face frame (DESIGN §4): a similarity transform (rotation, uniform scale,
 * translation) that puts the two eye centres at fixed points of a 256×256 square, like the
 * paper's alignment. Presets store landmark offsets in this frame so they transfer between faces.
 *
 * Affine matrices use the canvas / Konva order [a, b, c, d, e, f]:
 *   x' = a·x + c·y + e,  y' = b·x + d·y + f.
 */
import { centroid, type Point } from '../geometry.js';
import { PARTS, range } from './regions.js';

export type Affine = [number, number, number, number, number, number];

export const CANONICAL_SIZE = 256;
/** Eye centres in the canonical frame: 0.3·256 apart, at 0.38 of the height, leaving room for brows and chin. */
export const CANONICAL_LEFT_EYE: Point = [0.35 * CANONICAL_SIZE, 0.38 * CANONICAL_SIZE];
export const CANONICAL_RIGHT_EYE: Point = [0.65 * CANONICAL_SIZE, 0.38 * CANONICAL_SIZE];

/**
 * The similarity taking p1 → q1 and p2 → q2. In complex numbers z' = s·z + t with
 * s = (q2 − q1) / (p2 − p1), t = q1 − s·p1; s = a + i·b gives the matrix [a, b, −b, a, tx, ty].
 */
export function similarityFromPairs(p1: Point, p2: Point, q1: Point, q2: Point): Affine {
  const px = p2[0] - p1[0];
  const py = p2[1] - p1[1];
  const qx = q2[0] - q1[0];
  const qy = q2[1] - q1[1];
  const den = px * px + py * py;
  if (!(den > 0)) throw new RangeError('the two source points coincide');
  const a = (qx * px + qy * py) / den;
  const b = (qy * px - qx * py) / den;
  return [a, b, -b, a, q1[0] - (a * p1[0] - b * p1[1]), q1[1] - (b * p1[0] + a * p1[1])];
}

export function applyAffine(m: Affine, [x, y]: Point): Point {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (!(Math.abs(det) > 0)) throw new RangeError('the transform is singular');
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  return [ia, ib, ic, id, -(ia * e + ic * f), -(ib * e + id * f)];
}

export function eyeCentres(landmarks: Point[]): { left: Point; right: Point } {
  return { left: centroid(landmarks, range(...PARTS.leftEye)), right: centroid(landmarks, range(...PARTS.rightEye)) };
}

/** Image → canonical 256×256 frame, from the eye centres. */
export function canonicalTransform(landmarks: Point[]): Affine {
  const { left, right } = eyeCentres(landmarks);
  return similarityFromPairs(left, right, CANONICAL_LEFT_EYE, CANONICAL_RIGHT_EYE);
}

/** In-plane rotation of the face in degrees (eye line vs horizontal; positive = clockwise on screen). */
export function rollDegrees(landmarks: Point[]): number {
  const { left, right } = eyeCentres(landmarks);
  return (Math.atan2(right[1] - left[1], right[0] - left[0]) * 180) / Math.PI;
}
