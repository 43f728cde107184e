/**
 * "Exaggerate the difference from the mean" (Brennan's caricature generator, DESIGN §4), in the
 * canonical frame: target = M + k·gᵣ·(face − M), with a global k and a gain gᵣ per region.
 *
 * M is the mean face at this face's pose and expression (shape-model.ts): the face's scores on
 * the point-distribution model's yaw, pitch and mouth-opening modes are put on the model's mean,
 * aligned to the face by a similarity. Only the person's shape is left in the difference, so a
 * turned head is not turned further and an open mouth not torn wider (the eye-centre alignment
 * alone exaggerated pose: at k ≈ 1.5 sample2's jaw line crossed its nose). Before the model, an
 * affine fit of the mean's inner face did this job, but it also absorbed real proportions (a
 * long face, wide-set eyes), which is why k = 1.5 looked like the photo.
 * k = 1 and unit gains give the face back unchanged.
 */
import { solveInPlace } from './linsolve.js';
import { GAIN_REGION_NAMES, REGION_OF, type GainRegion } from './regions.js';
import { posedMeanShape, SHAPE_MODEL, type ShapeModelFile } from './shape-model.js';
import type { Point, Points } from './points.js';

export type RegionGains = Record<GainRegion, number>;

export const UNIT_GAINS: Readonly<RegionGains> = Object.freeze(
  Object.fromEntries(GAIN_REGION_NAMES.map((r) => [r, 1])) as RegionGains,
);

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

export function exaggerate(face: Points, k: number, gains: Partial<RegionGains> = {}, model: ShapeModelFile = SHAPE_MODEL): Point[] {
  const ref = posedMeanShape(face, model);
  return face.map((p, i) => {
    const m = ref[i]!;
    const g = k * (gains[REGION_OF[i]!] ?? 1);
    return [m[0] + g * (p[0] - m[0]), m[1] + g * (p[1] - m[1])];
  });
}
