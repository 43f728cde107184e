/**
 * Non-maximum suppression shared by both detectors. face-api has two variants
 * (src/ssdMobilenetv1/nonMaxSuppression.ts and src/ops/nonMaxSuppression.ts for Tiny YOLO);
 * both are the same greedy rule — walk the candidates best first and keep one unless a box kept
 * before it overlaps it by IoU > threshold — and differ only in which of two equal scores comes
 * first, so the order is the caller's.
 */
import type { Box } from '../../../common/geometry.js';

/** IoU of two (ymin, xmin, ymax, xmax) boxes, corners in either order, as face-api computes it. */
export function iou(b: ArrayLike<number>, i: number, j: number): number {
  const yminI = Math.min(b[i * 4]!, b[i * 4 + 2]!);
  const xminI = Math.min(b[i * 4 + 1]!, b[i * 4 + 3]!);
  const ymaxI = Math.max(b[i * 4]!, b[i * 4 + 2]!);
  const xmaxI = Math.max(b[i * 4 + 1]!, b[i * 4 + 3]!);
  const yminJ = Math.min(b[j * 4]!, b[j * 4 + 2]!);
  const xminJ = Math.min(b[j * 4 + 1]!, b[j * 4 + 3]!);
  const ymaxJ = Math.max(b[j * 4]!, b[j * 4 + 2]!);
  const xmaxJ = Math.max(b[j * 4 + 1]!, b[j * 4 + 3]!);
  const areaI = (ymaxI - yminI) * (xmaxI - xminI);
  const areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
  if (areaI <= 0 || areaJ <= 0) return 0;
  const inter = Math.max(Math.min(ymaxI, ymaxJ) - Math.max(yminI, yminJ), 0) * Math.max(Math.min(xmaxI, xmaxJ) - Math.max(xminI, xminJ), 0);
  return inter / (areaI + areaJ - inter);
}

/** Indices scoring above the threshold, best first; equal scores by index, ascending or not. */
export function rankByScore(scores: ArrayLike<number>, scoreThreshold: number, tiesAscending: boolean): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > scoreThreshold) candidates.push(i);
  return candidates.sort((a, b) => scores[b]! - scores[a]! || (tiesAscending ? a - b : b - a));
}

/** Greedy NMS over `ranked` (best first) with (ymin, xmin, ymax, xmax) boxes; at most maxOutput kept. */
export function suppress(boxes: ArrayLike<number>, ranked: number[], iouThreshold: number, maxOutput: number): number[] {
  const selected: number[] = [];
  for (const c of ranked) {
    if (selected.length >= maxOutput) break;
    if (selected.every((s) => iou(boxes, c, s) <= iouThreshold)) selected.push(c);
  }
  return selected;
}

/** IoU of two [x, y, width, height] boxes (image pixels), by the same rule as iou(). */
export function boxIou(a: Box, b: Box): number {
  return iou([a[1], a[0], a[1] + a[3], a[0] + a[2], b[1], b[0], b[1] + b[3], b[0] + b[2]], 0, 1);
}
