/**
 * The 68-point scheme (iBUG 300-W, as dlib and the paper use it): index ranges per region, as
 * seen in the image (the "left eye" is on the image's left, the subject's right eye).
 */
import type { Point } from './types.js';

export type RegionName = 'jaw' | 'leftBrow' | 'rightBrow' | 'nose' | 'leftEye' | 'rightEye' | 'mouth';

/** [first, end) index ranges. */
export const REGIONS: Record<RegionName, readonly [number, number]> = {
  jaw: [0, 17],
  leftBrow: [17, 22],
  rightBrow: [22, 27],
  nose: [27, 36],
  leftEye: [36, 42],
  rightEye: [42, 48],
  mouth: [48, 68],
};

/** Outer lip contour (the inner lip is 60–67). */
export const OUTER_MOUTH: readonly [number, number] = [48, 60];

export function regionPoints(landmarks: Point[], [from, to]: readonly [number, number]): Point[] {
  return landmarks.slice(from, to);
}

/** Mean of a region's points (summed then divided, like face-api's getCenterPoint). */
export function centroid(landmarks: Point[], range: readonly [number, number]): Point {
  const pts = regionPoints(landmarks, range);
  let sx = 0;
  let sy = 0;
  for (const [x, y] of pts) {
    sx += x;
    sy += y;
  }
  return [sx / pts.length, sy / pts.length];
}
