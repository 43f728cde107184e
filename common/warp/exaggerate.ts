/**
 * "Exaggerate the difference from the mean" (Brennan's caricature generator, DESIGN §4), in the
 * canonical frame: target = M + k·gᵣ·(face − M), with a global k and a gain gᵣ per region.
 *
 * M is the mean face posed like this face: the mean shape mapped by the least-squares affine
 * fit of its brows, nose and eyes (17–47) onto the face's. The eye-centre alignment alone leaves
 * head pose in the difference — a turned or lowered head then gets its pose exaggerated, and at
 * k ≈ 1.5 the jaw line crosses the nose (sample2 of the demo photos). The
 * affine fit on the inner face absorbs that first-order pose, while the outline and mouth, left
 * out of the fit, keep their shape differences (a long chin, a wide jaw) to exaggerate.
 * k = 1 and unit gains give the face back unchanged.
 */
import { solveInPlace } from './linsolve.js';
import { REGION_NAMES, REGION_OF, range, type Region } from '../face68/regions.js';
import type { Point, Points } from '../geometry.js';

export type RegionGains = Record<Region, number>;

export const UNIT_GAINS: Readonly<RegionGains> = Object.freeze(
  Object.fromEntries(REGION_NAMES.map((r) => [r, 1])) as RegionGains,
);

/** Brows, nose and eyes: the inner face, the least deformable part, used to estimate the pose. */
export const POSE_POINTS: readonly number[] = range(17, 48);

/**
 * Least-squares affine map taking `from[i]` to `to[i]` over the listed indices, as a function.
 * Normal equations (3×3, shared by x and y) — fine for ~30 well-spread points.
 */
export function fitAffine(from: Points, to: Points, idx: readonly number[]): (p: Point) => Point {
  const a = new Float64Array(9);
  const b = new Float64Array(6);
  for (const i of idx) {
    const [x, y] = from[i]!;
    const row = [x, y, 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) a[r * 3 + c]! += row[r]! * row[c]!;
      b[r * 2]! += row[r]! * to[i]![0];
      b[r * 2 + 1]! += row[r]! * to[i]![1];
    }
  }
  const m = solveInPlace(a, b, 3, 2);
  if (!m) return (p) => [p[0], p[1]];
  return ([x, y]) => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** The mean face in this face's pose (see above). */
export function posedMean(face: Points, mean: Points): Point[] {
  const pose = fitAffine(mean, face, POSE_POINTS);
  return mean.map(pose);
}

export function exaggerate(face: Points, mean: Points, k: number, gains: Partial<RegionGains> = {}): Point[] {
  const ref = posedMean(face, mean);
  return face.map((p, i) => {
    const m = ref[i]!;
    const g = k * (gains[REGION_OF[i]!] ?? 1);
    return [m[0] + g * (p[0] - m[0]), m[1] + g * (p[1] - m[1])];
  });
}
