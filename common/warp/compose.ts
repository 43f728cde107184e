/**
 * The editable geometry of one caricature and how it becomes target landmarks. The canonical
 * frame comes from the SOURCE landmarks' eye centres (common/face68/align.ts): offsets, gains and sliders
 * are applied there and the result goes back to image pixels through the inverse similarity, so
 * the same geometry does the same thing to any face, whatever its size, position and roll.
 *
 * Order (fixed, so a preset means one thing): exaggeration about the mean (global × region
 * gains), then the 68 canonical offsets, then the region sliders, then the head size (the whole
 * face scaled about a point on the neck below the chin, so a big head sits on the same neck).
 */
import { applyAffine, canonicalTransform, invertAffine, type Affine } from '../face68/align.js';
import { badInput } from '../errors.js';
import { exaggerate, type RegionGains } from './exaggerate.js';
import { applySliders, type SliderValues } from './sliders.js';
import { shapeModelFor } from './shape-model.js';
import type { Point, Points } from '../geometry.js';
import type { LandmarkName } from '../names.js';

export type Gains = Partial<RegionGains & { global: number }>;

export interface Geometry {
  gains?: Gains;
  offsets?: Points;
  sliders?: SliderValues;
  /** Head size factor, 1 = as is (HEAD_MIN…HEAD_MAX in the editor, presets and CLI). */
  head?: number;
  /** The landmark model that placed the source points (default 'precise'): each is exaggerated about its own mean. */
  landmarks?: LandmarkName | undefined;
}

/**
 * The exaggeration a caricature starts from (the Classic preset, the variation grid). Matched to
 * the AutoToon artists (landmarks by the app's default, dlib's predictor): their caricatures move
 * a landmark 3.25 canonical px (median over the 85 pairs; mean 3.73), and this face-minus-posed-
 * mean reference measures 2.25 px on their photos (mean), so k − 1 = 3.25 / 2.25 ≈ 1.4 moves our
 * landmarks as far as the median artist does. (With face-api's landmarks the same match gave 2.9.)
 */
export const DEFAULT_EXAGGERATION = 2.4;

export const HEAD_MIN = 1;
export const HEAD_MAX = 1.6;
/** The head size is anchored this far below the chin, in eye-to-chin lengths: the neck top. */
const NECK_ANCHOR = 0.25;

/** The neck-top point the head size is anchored at, from canonical landmarks. */
export function neckAnchor(canonical: Points): Point {
  const chin = canonical[8]!;
  const eyes: Point = [(canonical[36]![0] + canonical[45]![0]) / 2, (canonical[36]![1] + canonical[45]![1]) / 2];
  return [chin[0] + NECK_ANCHOR * (chin[0] - eyes[0]), chin[1] + NECK_ANCHOR * (chin[1] - eyes[1])];
}

/** Image → canonical transform of a face, refusing landmarks whose eye centres coincide. */
export function faceFrame(source: Points): Affine {
  try {
    return canonicalTransform(source as Point[]);
  } catch {
    throw badInput('The face landmarks are degenerate (both eyes at the same place).');
  }
}

export function mapPoints(m: Affine, pts: Points): Point[] {
  return pts.map((p) => applyAffine(m, p));
}

/**
 * Canonical px (eye centres 76.8 px apart) under which two landmarks are one point of the photo:
 * dlib's predictor puts a closed mouth's inner lips on top of each other (0.3–0.8 px apart on the
 * demo photos; face-api's 4–5 px). Moved apart — exaggerating about a mean whose mouth is open
 * crosses them, sampled APMM offsets separate them — they ask the warp to open a gap the photo
 * doesn't have, which is a fold: APMM fell back on 89 of 256 seeds on sample2.
 */
export const SAME_POINT_PX = 1.5;

/** Each group of `face` points closer than SAME_POINT_PX (chained) moves by the mean of its points' moves, keeping its own tiny gap. */
export function moveTogether(face: Points, out: Point[]): Point[] {
  const root = face.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  for (let i = 0; i < face.length; i++) {
    for (let j = i + 1; j < face.length; j++) {
      if (Math.hypot(face[i]![0] - face[j]![0], face[i]![1] - face[j]![1]) < SAME_POINT_PX) root[find(j)] = find(i);
    }
  }
  const sum = new Map<number, [number, number, number]>();
  out.forEach((p, i) => {
    const s = sum.get(find(i)) ?? [0, 0, 0];
    sum.set(find(i), [s[0] + p[0] - face[i]![0], s[1] + p[1] - face[i]![1], s[2] + 1]);
  });
  return out.map((p, i) => {
    const [dx, dy, n] = sum.get(find(i))!;
    return n === 1 ? p : [face[i]![0] + dx / n, face[i]![1] + dy / n];
  });
}

export function composeCanonical(face: Points, g: Geometry): Point[] {
  const { global = 1, ...regions } = g.gains ?? {};
  let out = exaggerate(face, global, regions, shapeModelFor(g.landmarks));
  const off = g.offsets;
  if (off) out = out.map((p, i) => [p[0] + off[i]![0], p[1] + off[i]![1]]);
  out = moveTogether(face, g.sliders ? applySliders(out, g.sliders) : out);
  const s = g.head ?? 1;
  if (s === 1) return out;
  const [ax, ay] = neckAnchor(face);
  return out.map(([x, y]) => [ax + s * (x - ax), ay + s * (y - ay)]);
}

/**
 * Target landmarks in image pixels for a face's source landmarks (image pixels). `base` (default:
 * the source) is the shape the geometry acts on, e.g. the current edit when a slider moves; the
 * frame always comes from the source.
 */
export function composeTarget(source: Points, g: Geometry, base: Points = source): Point[] {
  const fwd = faceFrame(source);
  return mapPoints(invertAffine(fwd), composeCanonical(mapPoints(fwd, base), g));
}

/** Canonical offsets (target − source) of an edit, in the source face's frame: what a preset stores. */
export function canonicalOffsets(source: Points, target: Points): Point[] {
  const fwd = faceFrame(source);
  const s = mapPoints(fwd, source);
  return mapPoints(fwd, target).map((t, i) => [t[0] - s[i]![0], t[1] - s[i]![1]]);
}
