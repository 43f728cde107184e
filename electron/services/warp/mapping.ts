/**
 * The backward mapping of one warp: for an output pixel, where in the source image to sample.
 * Landmarks move from `source` to `target`; anchors spaced along the image border map to
 * themselves so the frame of the picture stays put (a TPS alone extrapolates affinely and would
 * drag the border along with the face), and so do pinned points.
 */
import { fitTps, type Tps } from './tps.js';
import type { Point, Points } from '../../../common/geometry.js';

/** Anchors per border side, along the longer side; the shorter side gets proportionally fewer. */
const ANCHORS_LONG_SIDE = 12;

export interface Mapping {
  width: number;
  height: number;
  /** Normalisation: coordinates are divided by this (the longer side) before fitting. */
  norm: number;
  tps: Tps;
  /** Whether the image border is held by anchors (false for a head layer's crop, head.ts). */
  anchored: boolean;
}

/** Evenly spaced points on the rectangle [0, W−1]×[0, H−1], corners included, no duplicates. */
export function borderAnchors(width: number, height: number): Point[] {
  const long = Math.max(width, height);
  // At most one anchor per pixel step: tiny images get one per corner.
  const steps = (len: number) => Math.max(1, Math.min(len - 1, Math.round((ANCHORS_LONG_SIDE * len) / long)));
  const nx = steps(width);
  const ny = steps(height);
  const x1 = width - 1;
  const y1 = height - 1;
  const out: Point[] = [];
  for (let i = 0; i < nx; i++) out.push([(x1 * i) / nx, 0], [x1 - (x1 * i) / nx, y1]);
  for (let j = 0; j < ny; j++) out.push([x1, (y1 * j) / ny], [0, y1 - (y1 * j) / ny]);
  return out;
}

/**
 * Fits the backward TPS for moving `source` landmarks onto `target` (both in image pixels).
 * `pinned` points (other faces in the photo) map to themselves like the border: a spline is
 * global, and without them a neighbour's face drifts by tens of pixels (measured on the demo
 * group photos at k = 1.5: up to 37 px). `anchored` false leaves the border free: a head layer
 * works on a crop whose edges are not the picture's frame and holds its own fixed points.
 */
export function fitMapping(width: number, height: number, source: Points, target: Points, pinned: Points = [], anchored = true): Mapping {
  const norm = Math.max(width, height);
  const anchors = [...(anchored ? borderAnchors(width, height) : []), ...pinned];
  const scale = (p: Point): Point => [p[0] / norm, p[1] / norm];
  const centers = [...target, ...anchors].map(scale);
  const values = [...source, ...anchors].map(scale);
  return { width, height, norm, tps: fitTps(centers, values), anchored };
}
