/**
 * dlib's shape_predictor::operator() (dlib/image_processing/shape_predictor.h, 19.24) in
 * TypeScript, number for number, so its points match dlib's C++ (tests/unit/faces-dlib.test.ts):
 * - float32 where dlib uses float (the shape, the similarity matrix, feature pixel placement:
 *   each product and sum rounded to float, as g++ without FMA does), double where dlib uses
 *   double (the similarity fit, the box transform);
 * - pixel intensity of an RGB pixel is dlib's grey: ⌊(r+g+b)/3⌋, read only at the feature pixels;
 * - feature pixels are rounded half up (dlib's vector<double>→point) and read 0 outside the image.
 * Points are returned unrounded (dlib rounds its own to integers).
 */
import type { RgbImage } from '../../images/decode.js';
import type { Point } from '../../../../common/geometry.js';
import type { ShapeModel } from './model.js';
import { leafSum } from './leaf-sum.js';

/** A dlib rectangle: left, top, right, bottom, all inclusive (width = right − left + 1). */
export type DlibRect = [number, number, number, number];

/**
 * The similarity transform (scale·rotation, as a 2×2 matrix) that best maps `from` onto `to`
 * (dlib's find_similarity_transform, in closed form: for 2×2 covariances its SVD reduces to the
 * rotation angle atan2(c10 − c01, c00 + c11) and the scale |(c00 + c11, c10 − c01)| / σ²_from,
 * which also covers dlib's reflection fix-up). Returns [m00, m01, m10, m11].
 */
export function similarityMatrix(from: Float32Array, to: Float32Array): [number, number, number, number] {
  const n = from.length / 2;
  let mfx = 0;
  let mfy = 0;
  let mtx = 0;
  let mty = 0;
  for (let i = 0; i < n; i++) {
    mfx += from[2 * i]!;
    mfy += from[2 * i + 1]!;
    mtx += to[2 * i]!;
    mty += to[2 * i + 1]!;
  }
  mfx /= n;
  mfy /= n;
  mtx /= n;
  mty /= n;
  let sigma = 0;
  let c00 = 0;
  let c01 = 0;
  let c10 = 0;
  let c11 = 0;
  for (let i = 0; i < n; i++) {
    const fx = from[2 * i]! - mfx;
    const fy = from[2 * i + 1]! - mfy;
    const tx = to[2 * i]! - mtx;
    const ty = to[2 * i + 1]! - mty;
    sigma += fx * fx + fy * fy;
    c00 += tx * fx;
    c01 += tx * fy;
    c10 += ty * fx;
    c11 += ty * fy;
  }
  if (sigma === 0) return [1, 0, 0, 1];
  const a = (c00 + c11) / sigma;
  const b = (c10 - c01) / sigma;
  return [a, -b, b, a];
}

/**
 * The image seen turned by `roll` radians about the rectangle's centre (nearest pixel), so a face
 * tilted by `roll` stands upright for the predictor, whose trees only know upright faces: a point
 * (x, y) of that view is image pixel centre + R(roll)·((x, y) − centre). roll = 0 is dlib's own path.
 */
export interface View {
  roll: number;
}

function viewTransform(rect: DlibRect, roll: number): (x: number, y: number) => Point {
  const cx = (rect[0] + rect[2]) / 2;
  const cy = (rect[1] + rect[3]) / 2;
  const c = Math.cos(roll);
  const s = Math.sin(roll);
  return (x, y) => [cx + c * (x - cx) - s * (y - cy), cy + s * (x - cx) + c * (y - cy)];
}

/** The predictor's shape in box-normalised coordinates (0…1 across the rectangle), float32. */
export function predictNormalised(model: ShapeModel, img: RgbImage, rect: DlibRect, view: View = { roll: 0 }): Float32Array {
  const { parts, levels, trees, depth, features, meanShape, anchors, deltas, splitFeatures, thresholds } = model;
  const splits = 2 ** depth - 1;
  const leafCount = 2 ** depth;
  const [left, top, right, bottom] = rect;
  const sx = right - left;
  const sy = bottom - top;
  const sum = leafSum(model);
  const shape = sum.shape;
  shape.set(meanShape);
  const chosen = sum.leaves;
  const values = new Float32Array(features);
  const f = Math.fround;
  const turn = view.roll === 0 ? null : viewTransform(rect, view.roll);
  const { data, width, height } = img;
  // ⌊(r+g+b)/3⌋ at pixel (x, y), or 0 outside the image.
  const intensity = (x: number, y: number): number => {
    if (x < 0 || y < 0 || x >= width || y >= height) return 0;
    const o = 3 * (y * width + x);
    return ((data[o]! + data[o + 1]! + data[o + 2]!) / 3) | 0;
  };
  for (let level = 0; level < levels; level++) {
    const [m00, m01, m10, m11] = similarityMatrix(meanShape, shape).map(f) as [number, number, number, number];
    const fBase = level * features;
    for (let i = 0; i < features; i++) {
      const dx = deltas[2 * (fBase + i)]!;
      const dy = deltas[2 * (fBase + i) + 1]!;
      const a = anchors[fBase + i]!;
      const u = f(f(f(m00 * dx) + f(m01 * dy)) + shape[2 * a]!);
      const v = f(f(f(m10 * dx) + f(m11 * dy)) + shape[2 * a + 1]!);
      if (turn) {
        const [x, y] = turn(sx * u + left, sy * v + top);
        values[i] = intensity(Math.floor(x + 0.5), Math.floor(y + 0.5));
      } else {
        values[i] = intensity(Math.floor(sx * u + left + 0.5), Math.floor(sy * v + top + 0.5));
      }
    }
    const tBase = level * trees;
    for (let t = 0; t < trees; t++) {
      const sBase = (tBase + t) * splits;
      let node = 0;
      while (node < splits) {
        const s = sBase + node;
        node = values[splitFeatures[2 * s]!]! - values[splitFeatures[2 * s + 1]!]! > thresholds[s]! ? 2 * node + 1 : 2 * node + 2;
      }
      chosen[t] = (tBase + t) * leafCount + node - splits;
    }
    // The level's feature values are fixed before its trees run, so every leaf is chosen first
    // and then added in tree order (leaf-sum.ts), each sum rounded to float32 as dlib's
    // `current_shape += leaf` does.
    sum.add(trees);
  }
  return Float32Array.from(shape);
}

/** The 68 points (image pixels, unrounded) for a face in a dlib-placed rectangle (seen turned by view.roll). */
export function predictShape(model: ShapeModel, img: RgbImage, rect: DlibRect, view: View = { roll: 0 }): Point[] {
  const shape = predictNormalised(model, img, rect, view);
  const [left, top, right, bottom] = rect;
  const turn = viewTransform(rect, view.roll);
  const points: Point[] = [];
  for (let i = 0; i < model.parts; i++) {
    const x = (right - left) * shape[2 * i]! + left;
    const y = (bottom - top) * shape[2 * i + 1]! + top;
    points.push(view.roll === 0 ? [x, y] : turn(x, y));
  }
  return points;
}
