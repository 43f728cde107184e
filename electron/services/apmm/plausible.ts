/**
 * The plausibility filter of sampled geometry (issue #6): every target landmark inside the image,
 * the eyes still apart (each eye entirely on its own side, in the face's canonical frame), and a
 * warp that does not fold (the warp service's own Jacobian check, warp/folds.ts).
 * Returns why a target is rejected, or null when it passes.
 */
import { applyAffine, canonicalTransform } from '../../../common/face68/align.js';
import type { Point } from '../../../common/geometry.js';
import { fitMapping } from '../warp/mapping.js';
import { MIN_JACOBIAN, minJacobian } from '../warp/folds.js';

const LEFT_EYE = [36, 37, 38, 39, 40, 41];
const RIGHT_EYE = [42, 43, 44, 45, 46, 47];

export type Rejection = 'outside' | 'eyes-crossed' | 'fold';

export function insideImage(width: number, height: number, pts: readonly Point[]): boolean {
  return pts.every(([x, y]) => x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1);
}

/** In the source face's canonical frame (eyes level): the left eye's rightmost point stays left of the right eye's leftmost. */
export function eyesApart(source: readonly Point[], target: readonly Point[]): boolean {
  const m = canonicalTransform(source as Point[]);
  const xs = (idx: number[]) => idx.map((i) => applyAffine(m, target[i]!)[0]);
  return Math.max(...xs(LEFT_EYE)) < Math.min(...xs(RIGHT_EYE));
}

export function rejection(width: number, height: number, source: readonly Point[], target: readonly Point[]): Rejection | null {
  if (!insideImage(width, height, target)) return 'outside';
  if (!eyesApart(source, target)) return 'eyes-crossed';
  const mapping = fitMapping(width, height, source, target);
  if (!(minJacobian(mapping, source, target) > MIN_JACOBIAN)) return 'fold';
  return null;
}
