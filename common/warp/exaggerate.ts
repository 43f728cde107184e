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
import { REGION_NAMES, REGION_OF, type Region } from '../face68/regions.js';
import type { Point, Points } from '../geometry.js';
import { posedMeanShape, SHAPE_MODEL, type ShapeModelFile } from './shape-model.js';

export type RegionGains = Record<Region, number>;

export const UNIT_GAINS: Readonly<RegionGains> = Object.freeze(
  Object.fromEntries(REGION_NAMES.map((r) => [r, 1])) as RegionGains,
);

/** Inner-lip pairs across the mouth (upper, lower), iBUG-68: their gap is the mouth's opening. */
const LIP_GAP_PAIRS: ReadonlyArray<readonly [number, number]> = [[61, 67], [62, 66], [63, 65]];
/** Upper and lower lid pairs of both eyes, iBUG-68: their gap is the eye's opening. */
const LID_GAP_PAIRS: ReadonlyArray<readonly [number, number]> = [[37, 41], [38, 40], [43, 47], [44, 46]];
/** Inner mouth corners and the outer corners a few pixels from them: [inner, outer]. */
const MOUTH_CORNERS: ReadonlyArray<readonly [number, number]> = [[60, 48], [64, 54]];

/**
 * The face exaggerated k·gᵣ-fold from its posed mean. The mouth's opening is then put back as it
 * is in the photo (each inner-lip pair keeps its gap about its exaggerated midpoint): the model's
 * mouth modes fit the opening from all 68 points, which leaves part of a gap between parted lips
 * in the difference, and ×3 it tore the inner mouth open (area ×4.6 on sample2's three-quarter
 * face). The inner mouth corners keep their offset from the outer ones (4 px apart on that face):
 * moved apart, the skin between them stretched 2.5-fold in a spot no wider than they are.
 * The eyes' opening is kept the same way (upper and lower lid pairs): a laugh's wide-open or a
 * downcast look's half-closed lids are expression, and exaggerated they stretched or crushed the
 * lids past the smear guard, which then held the whole edit back (k = 2.9 rendered at 0.67, 0.16
 * and 0.53 of the edit on sample1, 2 and 3; 0.78, 0.30 and 0.77 with the lids kept). The eyes'
 * width, place and slant are still exaggerated.
 */
export function exaggerate(face: Points, k: number, gains: Partial<RegionGains> = {}, model: ShapeModelFile = SHAPE_MODEL): Point[] {
  // k = 1 with unit gains is no edit: the face itself, bit for bit (the gap fixes below round).
  if (k === 1 && Object.values(gains).every((g) => g === undefined || g === 1)) return face.map((p): Point => [p[0], p[1]]);
  const ref = posedMeanShape(face, model);
  const out = face.map((p, i): Point => {
    const m = ref[i]!;
    const g = k * (gains[REGION_OF[i]!] ?? 1);
    return [m[0] + g * (p[0] - m[0]), m[1] + g * (p[1] - m[1])];
  });
  for (const [a, b] of [...LIP_GAP_PAIRS, ...LID_GAP_PAIRS]) {
    const mx = (out[a]![0] + out[b]![0]) / 2;
    const my = (out[a]![1] + out[b]![1]) / 2;
    const hx = (face[a]![0] - face[b]![0]) / 2;
    const hy = (face[a]![1] - face[b]![1]) / 2;
    out[a] = [mx + hx, my + hy];
    out[b] = [mx - hx, my - hy];
  }
  for (const [inner, outer] of MOUTH_CORNERS) out[inner] = [out[outer]![0] + face[inner]![0] - face[outer]![0], out[outer]![1] + face[inner]![1] - face[outer]![1]];
  return out;
}
