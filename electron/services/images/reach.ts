/**
 * Points a client sends (warp targets, corrected landmarks) must lie on or near the image they
 * refer to. ±1e300 would otherwise end deep in a solver ("the transform is singular") or size a
 * mask's blur by the distance between absurd eyes.
 */
import { badInput } from '../../../common/errors.js';
import type { Points } from '../../../common/geometry.js';

/** How far outside the image, in image sizes, a point may lie and still mean something. */
export const REACH = 10;

export function assertNearImage(pts: Points, width: number, height: number): void {
  const r = REACH * Math.max(width, height);
  if (!pts.every(([x, y]) => x >= -r && x <= width + r && y >= -r && y <= height + r)) {
    throw badInput(`The points must lie on or near the image (within ${REACH} image sizes of it).`);
  }
}
