/**
 * Soft masks of the face regions, from the 68 landmarks, in whatever frame the landmarks are in
 * (image pixels or the canonical 256×256 frame). They define the DFN input streams (paper
 * Fig. 3: texture = face with the five organ regions wiped, organs = eyes, brows, nose, mouth)
 * and are what later stages (style) use to treat face, organs and texture differently.
 *
 * Sizes scale with the inter-ocular distance so a mask covers the same part of any face. Edges
 * are feathered by a blur of ~4 % of that distance. Cost is linear in width × height: call it
 * in the canonical frame or on a crop, not on a 20-megapixel photo.
 */
import { eyeCentres } from '../../../common/face68/align.js';
import { blur, fillPolygon, plane, union, type Plane } from './raster.js';
import { PARTS, OUTER_MOUTH, range } from '../../../common/face68/regions.js';
import type { Point } from '../../../common/geometry.js';

export interface FaceMasks {
  width: number;
  height: number;
  /** Jaw line up to a forehead band above the brows. */
  face: Plane;
  eyes: Plane;
  brows: Plane;
  nose: Plane;
  mouth: Plane;
  cheeks: Plane;
  /** eyes ∪ brows ∪ nose ∪ mouth: what the organs stream keeps. */
  organs: Plane;
  /** organs ∪ cheeks: the five regions the texture stream wipes. */
  wiped: Plane;
  /** face · (1 − wiped): skin texture outside the organ regions. */
  texture: Plane;
}

interface FaceAxes {
  /** Unit vector from the left to the right eye, and the face's "up" (towards the forehead). */
  u: Point;
  up: Point;
  iod: number;
}

function axes(landmarks: Point[]): FaceAxes {
  const { left, right } = eyeCentres(landmarks);
  const iod = Math.hypot(right[0] - left[0], right[1] - left[1]) || 1;
  const u: Point = [(right[0] - left[0]) / iod, (right[1] - left[1]) / iod];
  return { u, up: [u[1], -u[0]], iod };
}

const pick = (lm: Point[], idx: number[]): Point[] => idx.map((i) => lm[i]!);
const shift = (pts: Point[], d: Point, k: number): Point[] => pts.map(([x, y]) => [x + d[0] * k, y + d[1] * k]);

/** Scales a polygon about its mean by `across` along the eye line and `along` along the face's up axis. */
function grow(poly: Point[], ax: FaceAxes, across: number, along: number): Point[] {
  const cx = poly.reduce((s, q) => s + q[0], 0) / poly.length;
  const cy = poly.reduce((s, q) => s + q[1], 0) / poly.length;
  return poly.map(([x, y]) => {
    const dx = x - cx;
    const dy = y - cy;
    const a = (dx * ax.u[0] + dy * ax.u[1]) * across;
    const b = (dx * ax.up[0] + dy * ax.up[1]) * along;
    return [cx + a * ax.u[0] + b * ax.up[0], cy + a * ax.u[1] + b * ax.up[1]];
  });
}

/** A band around a brow's landmark line (face-api puts brow points along its upper edge). */
function browBand(pts: Point[], ax: FaceAxes): Point[] {
  const top = shift(pts, ax.up, 0.1 * ax.iod);
  const bottom = shift(pts, ax.up, -0.24 * ax.iod).reverse();
  return grow([...top, ...bottom], ax, 1.1, 1);
}

/** The region polygons, in the landmarks' frame. */
export function regionPolygons(lm: Point[]): Record<'face' | 'eyes' | 'brows' | 'nose' | 'mouth' | 'cheeks', Point[][]> {
  const ax = axes(lm);
  const jaw = pick(lm, range(...PARTS.jaw));
  const brows = pick(lm, [...range(...PARTS.leftBrow), ...range(...PARTS.rightBrow)]);
  return {
    face: [[...jaw, ...shift(brows, ax.up, 0.35 * ax.iod).reverse()]],
    eyes: [grow(pick(lm, range(...PARTS.leftEye)), ax, 1.5, 2.4), grow(pick(lm, range(...PARTS.rightEye)), ax, 1.5, 2.4)],
    brows: [browBand(pick(lm, range(...PARTS.leftBrow)), ax), browBand(pick(lm, range(...PARTS.rightBrow)), ax)],
    nose: [grow(pick(lm, [27, 35, 34, 33, 32, 31]), ax, 1.7, 1.15)],
    mouth: [grow(pick(lm, range(...OUTER_MOUTH)), ax, 1.15, 1.35)],
    // jaw → mouth corner → nose wing → under the eye, pulled in from the face outline
    cheeks: [grow(pick(lm, [1, 2, 3, 4, 48, 31, 40, 41]), ax, 0.8, 0.8), grow(pick(lm, [15, 14, 13, 12, 54, 35, 47, 46]), ax, 0.8, 0.8)],
  };
}

export function faceMasks(landmarks: Point[], width: number, height: number): FaceMasks {
  if (landmarks.length !== 68) throw new RangeError(`68 landmarks expected, got ${landmarks.length}`);
  const feather = Math.max(1, 0.04 * axes(landmarks).iod);
  const polys = regionPolygons(landmarks);
  const soft = (list: Point[][]): Plane => {
    const p = plane(width, height);
    for (const poly of list) fillPolygon(p, poly);
    return blur(p, feather);
  };
  const face = soft(polys.face);
  const eyes = soft(polys.eyes);
  const brows = soft(polys.brows);
  const nose = soft(polys.nose);
  const mouth = soft(polys.mouth);
  const cheeks = soft(polys.cheeks);
  const organs = union([eyes, brows, nose, mouth]);
  const wiped = union([organs, cheeks]);
  const texture = plane(width, height);
  for (let i = 0; i < texture.data.length; i++) texture.data[i] = face.data[i]! * (1 - wiped.data[i]!);
  return { width, height, face, eyes, brows, nose, mouth, cheeks, organs, wiped, texture };
}
