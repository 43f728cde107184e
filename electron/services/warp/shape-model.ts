/**
 * The point-distribution model of 68-point face shapes (build/recipes/warp/shape-model.ts): PCA
 * of faces similarity-aligned to their mean. Its use here: the reference a caricature exaggerates
 * from is the mean *at this face's pose and expression*: the face's scores on the modes that carry
 * head yaw, head pitch and mouth opening are kept, the rest is the mean. The difference from that
 * reference is then the person's shape alone, so a three-quarter face is exaggerated as itself,
 * not turned further, and an open mouth is not torn wider.
 */
import data from './shape-model.json' with { type: 'json' };
import type { Point, Points } from './points.js';

export interface ShapeModelFile {
  frame: string;
  mean: Point[];
  /** Principal modes (unit vectors, x/y interleaved), largest variance first. */
  modes: Array<{ variance: number; vector: number[] }>;
  /** Which mode carries each pose/expression factor, and how strongly it correlates with its measure. */
  heldOut: Record<'yaw' | 'pitch' | 'mouth', { mode: number; correlation: number }>;
  provenance: Record<string, unknown>;
}

const MODEL = data as unknown as ShapeModelFile;
export const SHAPE_MODEL: Readonly<ShapeModelFile> = MODEL;

/** x′ = a·x − b·y + tx, y′ = b·x + a·y + ty. */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export const applySimilarity = (s: Similarity, [x, y]: Point): Point => [s.a * x - s.b * y + s.tx, s.b * x + s.a * y + s.ty];

export function invertSimilarity(s: Similarity): Similarity {
  const d = s.a * s.a + s.b * s.b;
  const a = s.a / d;
  const b = -s.b / d;
  return { a, b, tx: -(a * s.tx - b * s.ty), ty: -(b * s.tx + a * s.ty) };
}

/** Least-squares similarity taking `from` onto `to` (all points; Procrustes without reflection). */
export function fitSimilarity(from: Points, to: Points): Similarity {
  const n = from.length;
  let fx = 0;
  let fy = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    fx += from[i]![0];
    fy += from[i]![1];
    tx += to[i]![0];
    ty += to[i]![1];
  }
  fx /= n;
  fy /= n;
  tx /= n;
  ty /= n;
  let sxx = 0;
  let sxy = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const ux = from[i]![0] - fx;
    const uy = from[i]![1] - fy;
    const vx = to[i]![0] - tx;
    const vy = to[i]![1] - ty;
    sxx += ux * vx + uy * vy;
    sxy += ux * vy - uy * vx;
    norm += ux * ux + uy * uy;
  }
  const a = norm > 0 ? sxx / norm : 1;
  const b = norm > 0 ? sxy / norm : 0;
  return { a, b, tx: tx - (a * fx - b * fy), ty: ty - (b * fx + a * fy) };
}

/** Scores of an aligned shape on each mode. */
export function scores(aligned: Points, model: ShapeModelFile = MODEL): number[] {
  return model.modes.map(({ vector }) => aligned.reduce((s, p, i) => s + (p[0] - model.mean[i]![0]) * vector[2 * i]! + (p[1] - model.mean[i]![1]) * vector[2 * i + 1]!, 0));
}

/**
 * The mean shape at `face`'s pose and expression, in `face`'s own frame: the face aligned to the
 * model mean, its scores on the held-out modes put on the mean, mapped back.
 */
export function posedMeanShape(face: Points, model: ShapeModelFile = MODEL): Point[] {
  const held = [...new Set(Object.values(model.heldOut).map((h) => h.mode))];
  // The similarity and the held-out scores are fitted jointly (alternating a few rounds): the
  // modes are not exactly orthogonal to rotation and scale, so aligning to the bare mean would
  // let the similarity swallow part of a turn.
  let ref: Point[] = model.mean.map((p): Point => [p[0], p[1]]);
  let toModel = fitSimilarity(face, ref);
  for (let round = 0; round < 8; round++) {
    const b = scores(face.map((p) => applySimilarity(toModel, p)), model);
    ref = model.mean.map((m, i): Point => {
      let x = m[0];
      let y = m[1];
      for (const k of held) {
        x += b[k]! * model.modes[k]!.vector[2 * i]!;
        y += b[k]! * model.modes[k]!.vector[2 * i + 1]!;
      }
      return [x, y];
    });
    toModel = fitSimilarity(face, ref);
  }
  const back = invertSimilarity(toModel);
  return ref.map((p) => applySimilarity(back, p));
}
