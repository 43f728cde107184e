/**
 * The editable geometry of one caricature and how it becomes target landmarks. The canonical
 * frame comes from the SOURCE landmarks' eye centres (common/face68/align.ts): offsets, gains and sliders
 * are applied there and the result goes back to image pixels through the inverse similarity, so
 * the same geometry does the same thing to any face, whatever its size, position and roll.
 *
 * Order (fixed, so a preset means one thing): exaggeration about the mean (global × region
 * gains), then the 68 canonical offsets, then the region sliders.
 */
import { applyAffine, canonicalTransform, invertAffine, type Affine } from '../face68/align.js';
import { badInput } from '../errors.js';
import { exaggerate, type RegionGains } from './exaggerate.js';
import { MEAN_FACE } from '../face68/mean-face.js';
import { applySliders, type SliderValues } from './sliders.js';
import type { Point, Points } from '../geometry.js';

export type Gains = Partial<RegionGains & { global: number }>;

export interface Geometry {
  gains?: Gains;
  offsets?: Points;
  sliders?: SliderValues;
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

export function composeCanonical(face: Points, g: Geometry, mean: Points = MEAN_FACE): Point[] {
  const { global = 1, ...regions } = g.gains ?? {};
  let out = exaggerate(face, mean, global, regions);
  const off = g.offsets;
  if (off) out = out.map((p, i) => [p[0] + off[i]![0], p[1] + off[i]![1]]);
  return g.sliders ? applySliders(out, g.sliders) : out;
}

/**
 * Target landmarks in image pixels for a face's source landmarks (image pixels). `base` (default:
 * the source) is the shape the geometry acts on, e.g. the current edit when a slider moves; the
 * frame always comes from the source.
 */
export function composeTarget(source: Points, g: Geometry, base: Points = source, mean: Points = MEAN_FACE): Point[] {
  const fwd = faceFrame(source);
  return mapPoints(invertAffine(fwd), composeCanonical(mapPoints(fwd, base), g, mean));
}

/** Canonical offsets (target − source) of an edit, in the source face's frame: what a preset stores. */
export function canonicalOffsets(source: Points, target: Points): Point[] {
  const fwd = faceFrame(source);
  const s = mapPoints(fwd, source);
  return mapPoints(fwd, target).map((t, i) => [t[0] - s[i]![0], t[1] - s[i]![1]]);
}
