/**
 * Pure geometry of a handle drag: which landmarks move and by how much, with the symmetry lock
 * mirroring the displacement across the face's vertical axis (perpendicular to the eye line).
 */
import { centroid, type Point } from '../../../common/geometry';
import { MIRROR, PARTS, range } from '../../../common/face68/regions';

const LEFT_EYE = range(...PARTS.leftEye);
const RIGHT_EYE = range(...PARTS.rightEye);

/** Unit vector along the face's horizontal axis (left eye centre → right eye centre). */
export function faceHorizontal(landmarks: readonly Point[]): Point {
  const l = centroid(landmarks, LEFT_EYE);
  const r = centroid(landmarks, RIGHT_EYE);
  const dx = r[0] - l[0];
  const dy = r[1] - l[1];
  const n = Math.hypot(dx, dy);
  return n > 1e-9 ? [dx / n, dy / n] : [1, 0];
}

/**
 * Moves `moved` landmarks of `start` by `delta`, and their neighbours with a soft Gaussian
 * falloff (σ = a quarter of the eye distance): a lone point dragged away from its neighbours
 * would make the dense thin-plate spline fold, where a falloff reshapes the feature smoothly,
 * like the liquify brushes artists know. With symmetry on, each moved point's mirror partner
 * (and its neighbourhood) moves by the reflected delta, and midline points move along the axis.
 */
export function dragLandmarks(start: readonly Point[], moved: readonly number[], delta: Point, symmetry: boolean): Point[] {
  const u = faceHorizontal(start);
  const along = delta[0] * u[0] + delta[1] * u[1];
  const mirrored: Point = [delta[0] - 2 * along * u[0], delta[1] - 2 * along * u[1]];
  const axial: Point = [delta[0] - along * u[0], delta[1] - along * u[1]];
  const eyeDistance = Math.hypot(...sub(centroid(start, RIGHT_EYE), centroid(start, LEFT_EYE))) || 1;
  const sigma2 = 2 * (0.25 * eyeDistance) ** 2;
  // Each grabbed point: where it is, and how it moves.
  const grabs: Array<{ at: Point; d: Point }> = [];
  const pinned = new Map<number, Point>();
  for (const i of moved) {
    const j = MIRROR[i]!;
    const d = symmetry && j === i ? axial : delta;
    grabs.push({ at: start[i]!, d });
    pinned.set(i, d);
    if (symmetry && j !== i && !moved.includes(j)) {
      grabs.push({ at: start[j]!, d: mirrored });
      pinned.set(j, mirrored);
    }
  }
  return start.map((p, k): Point => {
    const exact = pinned.get(k);
    if (exact) return [p[0] + exact[0], p[1] + exact[1]];
    // Strongest single influence, not a sum: overlapping brushes must not double a move.
    let best: Point = [0, 0];
    let bestW = 0;
    for (const g of grabs) {
      const w = Math.exp(-((p[0] - g.at[0]) ** 2 + (p[1] - g.at[1]) ** 2) / sigma2);
      if (w > bestW) {
        bestW = w;
        best = g.d;
      }
    }
    return bestW < 0.01 ? [p[0], p[1]] : [p[0] + bestW * best[0], p[1] + bestW * best[1]];
  });
}

function sub(a: Point, b: Point): Point {
  return [a[0] - b[0], a[1] - b[1]];
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
