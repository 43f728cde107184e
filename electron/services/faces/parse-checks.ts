/**
 * Where a face's landmarks say each organ is, and which parser classes count as that organ: the
 * acceptance check of the parser (issue 11) and a sanity check a caller can run on a parsing.
 * Points are chosen inside the organ, not on its outline: the eye centre is the mean of the six
 * lid points, lips are checked halfway between their outer and inner contour, cheeks between the
 * lower lid, the nose wing and the jaw. The 300-W convention puts the brow points on the brow's
 * upper edge, so a brow is checked below its middle point, a bit towards the eye.
 */
import { classIndex, type ParsingClass } from './parsing-classes.js';
import type { Point } from '../../../common/geometry.js';

export interface OrganCheck {
  organ: string;
  point: Point;
  accept: ParsingClass[];
}

const avg = (lm: Point[], idx: number[]): Point => [idx.reduce((s, i) => s + lm[i]![0], 0) / idx.length, idx.reduce((s, i) => s + lm[i]![1], 0) / idx.length];

/**
 * How far below its upper-edge point a brow is checked, as a fraction of the eye distance: half
 * a brow's thickness. On the 44 demo-photo brows the parsed brow runs from the point to ~0.08 of
 * the eye distance below it (hits: 30 at the point, 36 at 0.02, 0.04 and 0.06, 33 at 0.08, 23 at
 * 0.1), so 0.08 checked the brow's lower edge; 0.04 is its middle.
 */
export const BROW_DROP = 0.04;

export function organChecks(lm: Point[]): OrganCheck[] {
  const leftEye = avg(lm, [36, 37, 38, 39, 40, 41]);
  const rightEye = avg(lm, [42, 43, 44, 45, 46, 47]);
  const iod = Math.hypot(rightEye[0] - leftEye[0], rightEye[1] - leftEye[1]);
  const below = (p: Point, eye: Point): Point => {
    const d = Math.hypot(eye[0] - p[0], eye[1] - p[1]) || 1;
    return [p[0] + ((eye[0] - p[0]) / d) * BROW_DROP * iod, p[1] + ((eye[1] - p[1]) / d) * BROW_DROP * iod];
  };
  const eyes: ParsingClass[] = ['l_eye', 'r_eye'];
  const brows: ParsingClass[] = ['l_brow', 'r_brow'];
  const lips: ParsingClass[] = ['u_lip', 'l_lip'];
  return [
    { organ: 'nose tip', point: lm[30]!, accept: ['nose'] },
    { organ: 'eye centre (image left)', point: leftEye, accept: eyes },
    { organ: 'eye centre (image right)', point: rightEye, accept: eyes },
    { organ: 'upper lip middle', point: avg(lm, [51, 62]), accept: lips },
    { organ: 'lower lip middle', point: avg(lm, [57, 66]), accept: lips },
    { organ: 'brow (image left)', point: below(lm[19]!, leftEye), accept: brows },
    { organ: 'brow (image right)', point: below(lm[24]!, rightEye), accept: brows },
    { organ: 'cheek (image left)', point: avg(lm, [2, 31, 41]), accept: ['skin'] },
    { organ: 'cheek (image right)', point: avg(lm, [14, 35, 46]), accept: ['skin'] },
  ];
}

/** The label under a point (image pixels, centres at +0.5), or undefined outside the image. */
export function labelAt(labels: Uint8Array, width: number, height: number, [x, y]: Point): number | undefined {
  const px = Math.floor(x);
  const py = Math.floor(y);
  if (px < 0 || py < 0 || px >= width || py >= height) return undefined;
  return labels[py * width + px];
}

export function checkPasses(check: OrganCheck, label: number | undefined): boolean {
  return label !== undefined && check.accept.some((c) => classIndex(c) === label);
}

/**
 * Whether an accepted class lies within `radius` pixels of the check's point: the landmarks
 * themselves are off by ~5 % of the eye distance on easy faces (issue 11), so a check exactly at
 * the point measures the landmarks as much as the parser.
 */
export function checkPassesNear(check: OrganCheck, labels: Uint8Array, width: number, height: number, radius: number): boolean {
  const r = Math.max(0, radius);
  const [cx, cy] = check.point;
  for (let y = Math.floor(cy - r); y <= Math.floor(cy + r); y++) {
    for (let x = Math.floor(cx - r); x <= Math.floor(cx + r); x++) {
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r + 0.5) continue;
      if (checkPasses(check, labelAt(labels, width, height, [x + 0.5, y + 0.5]))) return true;
    }
  }
  return checkPasses(check, labelAt(labels, width, height, check.point));
}

/** Distance between the eye centres: the scale of the checks' tolerance. */
export function eyeDistance(lm: Point[]): number {
  const l = avg(lm, [36, 37, 38, 39, 40, 41]);
  const r = avg(lm, [42, 43, 44, 45, 46, 47]);
  return Math.hypot(r[0] - l[0], r[1] - l[1]);
}
