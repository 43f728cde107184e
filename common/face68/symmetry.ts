/**
 * Left–right symmetry of the iBUG-68 scheme. In the canonical frame the eye centres sit level and
 * symmetric about x = 128, so mirroring across the face axis is x ↦ 256 − x plus swapping each
 * point with its partner. Pure functions: the renderer's symmetry lock can import them as well.
 */
import { CANONICAL_SIZE, applyAffine, canonicalTransform, invertAffine } from './align.js';
import type { Point, Points } from '../geometry.js';
import { MIRROR } from './regions.js';

export const FACE_AXIS_X = CANONICAL_SIZE / 2;

/** The mirror image of a canonical-frame shape, re-indexed so point i is still landmark i. */
export function mirrorShape(pts: Points): Point[] {
  return MIRROR.map((j) => {
    const p = pts[j]!;
    return [2 * FACE_AXIS_X - p[0], p[1]];
  });
}

/** The symmetric shape closest to pts: the mean of it and its mirror image. */
export function symmetrise(pts: Points): Point[] {
  const m = mirrorShape(pts);
  return pts.map((p, i) => [(p[0] + m[i]![0]) / 2, (p[1] + m[i]![1]) / 2]);
}

/**
 * Symmetry lock for a drag in image pixels: landmark `index` of `current` moves to `to`, and its
 * partner moves by the mirrored displacement (in the face's canonical frame, taken from the
 * `source` landmarks so the axis does not wander as the drag reshapes the eyes).
 */
export function mirroredDrag(source: Points, current: Points, index: number, to: Point): Point[] {
  const fwd = canonicalTransform(source as Point[]);
  const inv = invertAffine(fwd);
  const out = current.map((p): Point => [p[0], p[1]]);
  const from = applyAffine(fwd, current[index]!);
  const dst = applyAffine(fwd, to);
  out[index] = [to[0], to[1]];
  const partner = MIRROR[index]!;
  const pc = applyAffine(fwd, current[partner]!);
  if (partner === index) {
    // On the axis: keep the point on it, only its position along the axis follows the drag.
    out[index] = applyAffine(inv, [pc[0], dst[1]]);
  } else {
    out[partner] = applyAffine(inv, [pc[0] - (dst[0] - from[0]), pc[1] + (dst[1] - from[1])]);
  }
  return out;
}
