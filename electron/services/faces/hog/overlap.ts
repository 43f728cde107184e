/**
 * dlib's non-maximum suppression for its object detectors (test_box_overlap and the greedy pass
 * of object_detector): rectangles are inclusive [left, top, right, bottom]; two boxes are one
 * face when their intersection over their *bounding box* (dlib's `a + b`, not the area union)
 * exceeds iouThresh, or when the intersection covers more than coveredThresh of either box.
 */
export type DlibRect = [number, number, number, number];

const area = (r: readonly number[]): number => Math.max(0, r[2]! - r[0]! + 1) * Math.max(0, r[3]! - r[1]! + 1);

export function dlibOverlaps(a: DlibRect, b: DlibRect, iouThresh: number, coveredThresh: number): boolean {
  const inner = area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);
  if (inner === 0) return false;
  const outer = area([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  return inner / outer > iouThresh || inner / area(a) > coveredThresh || inner / area(b) > coveredThresh;
}

/** Keeps, best score first, every box that overlaps none kept before it. */
export function dlibSuppress<T extends { rect: DlibRect; score: number }>(dets: readonly T[], iouThresh: number, coveredThresh: number): T[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const d of sorted) if (!kept.some((k) => dlibOverlaps(k.rect, d.rect, iouThresh, coveredThresh))) kept.push(d);
  return kept;
}
