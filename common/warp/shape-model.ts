/**
 * The point-distribution model of 68-point face shapes (build/recipes/warp/shape-model.ts): PCA
 * of faces similarity-aligned to their mean. Its use here: the reference a caricature exaggerates
 * from is the mean *at this face's pose and expression*: the face's scores on the modes that carry
 * head yaw, head pitch and mouth opening are kept, the rest is the mean. The difference from that
 * reference is then the person's shape alone, so a three-quarter face is exaggerated as itself,
 * not turned further, and an open mouth is not torn wider.
 */
import data from './shape-model.json' with { type: 'json' };
import { solveInPlace } from './linsolve.js';
import type { Point, Points } from '../geometry.js';
import type { LandmarkName } from '../names.js';

export interface ShapeModelFile {
  frame: string;
  /** The mean of the precise (dlib) points, which the model is fitted on. */
  mean: Point[];
  /** The mean of the fast (face-api) points: the precise mean plus how the fast points of the same faces sit apart from the precise ones. */
  fastMean?: Point[];
  /** Principal modes (unit vectors, x/y interleaved), largest variance first. */
  modes: Array<{ variance: number; vector: number[] }>;
  /** The modes that carry each pose/expression factor, how much of its measure they explain (R²), and every mode's correlation with it. */
  heldOut: Record<'yaw' | 'pitch' | 'mouth', { modes: number[]; r2: number; correlations: number[] }>;
  provenance: Record<string, unknown>;
}

const MODEL = data as unknown as ShapeModelFile;
export const SHAPE_MODEL: Readonly<ShapeModelFile> = MODEL;
const FAST_MODEL: Readonly<ShapeModelFile> = { ...MODEL, mean: MODEL.fastMean ?? MODEL.mean };

/**
 * The model for points placed by `landmarks`: the two landmark models put the jaw line, brows
 * and lids ~3 canonical px apart on the same face, so each is exaggerated about its own mean
 * (the modes are shared) — otherwise that gap would be exaggerated as if it were the person.
 */
export const shapeModelFor = (landmarks: LandmarkName = 'precise'): Readonly<ShapeModelFile> => (landmarks === 'fast' ? FAST_MODEL : MODEL);

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

/** Every mode held out of exaggeration (pose or expression), once. */
export function heldModes(model: ShapeModelFile = MODEL): number[] {
  return [...new Set(Object.values(model.heldOut).flatMap((h) => h.modes))].sort((a, b) => a - b);
}

/**
 * The mean shape at `face`'s pose and expression, in `face`'s own frame: the face aligned to the
 * model mean, its scores on the held-out modes put on the mean, mapped back.
 */
export function posedMeanShape(face: Points, model: ShapeModelFile = MODEL): Point[] {
  const held = heldModes(model);
  // One linear least-squares fit of the similarity T (face → model frame) and the held-out
  // scores b together: T(face) ≈ mean + Σ bₖ·modeₖ, unknowns [a, b, tx, ty, b…] (T is linear in
  // them). Aligning to the bare mean first would let T swallow part of a turn: the modes are not
  // exactly orthogonal to rotation and scale.
  const n = 4 + held.length;
  const ata = new Float64Array(n * n);
  const atb = new Float64Array(n);
  const row = new Float64Array(n);
  const add = (rhs: number) => {
    for (let r = 0; r < n; r++) {
      atb[r]! += row[r]! * rhs;
      for (let c = 0; c < n; c++) ata[r * n + c]! += row[r]! * row[c]!;
    }
  };
  face.forEach(([x, y], i) => {
    row.fill(0);
    row.set([x, -y, 1, 0]);
    held.forEach((k, j) => (row[4 + j] = -model.modes[k]!.vector[2 * i]!));
    add(model.mean[i]![0]);
    row.fill(0);
    row.set([y, x, 0, 1]);
    held.forEach((k, j) => (row[4 + j] = -model.modes[k]!.vector[2 * i + 1]!));
    add(model.mean[i]![1]);
  });
  const u = solveInPlace(ata, atb, n, 1);
  if (!u) return face.map((p): Point => [p[0], p[1]]);
  const back = invertSimilarity({ a: u[0]!, b: u[1]!, tx: u[2]!, ty: u[3]! });
  return model.mean.map((m, i) => {
    let x = m[0];
    let y = m[1];
    held.forEach((k, j) => {
      x += u[4 + j]! * model.modes[k]!.vector[2 * i]!;
      y += u[4 + j]! * model.modes[k]!.vector[2 * i + 1]!;
    });
    return applySimilarity(back, [x, y]);
  });
}
