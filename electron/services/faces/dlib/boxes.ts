/**
 * Boxes for the dlib predictor, which was trained on boxes from dlib's HOG detector and is only
 * as good as its box is placed the same way. dlib's boxes are square; ours are not, and their
 * aspect varies with the photo (SSD's w/h averaged 0.70 on the demo photos, 0.81 on AutoToon's)
 * while the side of dlib's box stays close to a fixed multiple of √(w·h) of ours (0.96 and 0.94).
 * So a box maps to a square: centre moved by (dx, dy)·√(w·h), side k·√(w·h), fitted by
 * build/recipes/dlib/box-fit.ts (data, coefficients and provenance in box-map.json). A second
 * mapping, from the bounding box of the predictor's own 68 points to the dlib box those points
 * come from, lets a poor first box be replaced by the box of its own result.
 */
import { boxIou } from '../nms.js';
import { mapBox, TINY_TO_SSD } from '../tiny-box.js';
import { bounds, type Box, type Point } from '../../../../common/geometry.js';
import type { DlibRect } from './predict.js';
import data from './box-map.json' with { type: 'json' };

/** Square box: centre = box centre + (dx, dy)·√(w·h), side = k·√(w·h). */
export interface SquareMapping {
  dx: number;
  dy: number;
  k: number;
}

export function mapToSquare([x, y, w, h]: Box, m: SquareMapping): Box {
  const s = Math.sqrt(w * h);
  const side = m.k * s;
  return [x + w / 2 + m.dx * s - side / 2, y + h / 2 + m.dy * s - side / 2, side, side];
}

/** Least squares of residuals relative to √(w·h) of the source box, each parameter on its own (their means). */
export function fitSquareMapping(pairs: ReadonlyArray<{ from: Box; to: Box }>): SquareMapping {
  if (pairs.length === 0) throw new RangeError('no box pairs to fit');
  const mean = (f: (a: Box, b: Box, s: number) => number) => pairs.reduce((acc, p) => acc + f(p.from, p.to, Math.sqrt(p.from[2] * p.from[3])), 0) / pairs.length;
  return {
    dx: mean((a, b, s) => (b[0] + b[2] / 2 - a[0] - a[2] / 2) / s),
    dy: mean((a, b, s) => (b[1] + b[3] / 2 - a[1] - a[3] / 2) / s),
    k: mean((_, b, s) => Math.sqrt(b[2] * b[3]) / s),
  };
}

export interface DlibBoxMaps {
  /** SSD-like box (what 'auto' and 'ssd' give) → dlib HOG-like box. */
  ssdToDlib: SquareMapping;
  /** Bounding box of the 68 points → the dlib box they were predicted from. */
  shapeToDlib: SquareMapping;
  /** Below this IoU between the box used and the box its result implies, the box was poor: predict again. */
  rerunIou: number;
}

export const DLIB_BOX_MAPS: Readonly<DlibBoxMaps> = Object.freeze({ ssdToDlib: { ...data.ssdToDlib }, shapeToDlib: { ...data.shapeToDlib }, rerunIou: data.rerunIou });

/** [x, y, w, h] → dlib's inclusive rectangle (right = x + w − 1), kept fractional. */
export function toDlibRect([x, y, w, h]: Box): DlibRect {
  return [x, y, x + w - 1, y + h - 1];
}

export function fromDlibRect([l, t, r, b]: DlibRect): Box {
  return [l, t, r - l + 1, b - t + 1];
}

/**
 * Which way a box was drawn: 'ssd' for SSD's and the 'auto' detector's (which maps tiny's boxes
 * to SSD-like ones itself), 'tiny' for the raw boxes of the 'tiny' detector chosen alone, 'dlib'
 * for dlib's HOG detector's own boxes (taken as they are).
 */
export type BoxStyle = 'tiny' | 'ssd' | 'dlib';

/** A detector's box → the box dlib's detector would likely draw (raw tiny boxes are first made SSD-like). */
export function dlibBoxFromDetector(box: Box, style: BoxStyle, maps: DlibBoxMaps = DLIB_BOX_MAPS): Box {
  if (style === 'dlib') return box;
  return mapToSquare(style === 'tiny' ? mapBox(box, TINY_TO_SSD) : box, maps.ssdToDlib);
}

/** Bounding box [x, y, w, h] of the points. */
export function pointsBounds(points: readonly Point[]): Box {
  const [x0, y0, x1, y1] = bounds(points);
  return [x0, y0, x1 - x0, y1 - y0];
}

/** The dlib box the 68 points imply, and whether `used` was poor by that measure. */
export function judgeBox(used: Box, points: readonly Point[], maps: DlibBoxMaps = DLIB_BOX_MAPS): { implied: Box; iou: number; poor: boolean } {
  const implied = mapToSquare(pointsBounds(points), maps.shapeToDlib);
  const iou = boxIou(used, implied);
  return { implied, iou, poor: iou < maps.rerunIou };
}
