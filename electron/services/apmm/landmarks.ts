/**
 * Sampled caricature geometry for one face: the face exaggerated at the default strength
 * (DEFAULT_EXAGGERATION), the landmark generator's canonical offsets (×OFFSET_GAIN) added, on a
 * head of a sampled size (head-size.ts), mapped back to image pixels through the inverse
 * alignment (common/warp/compose.ts), then filtered for plausibility. A rejected draw is replaced by the next
 * sub-seed's draw, at most MAX_TRIES times (all tries run as one batch); if every draw fails the
 * face is left unchanged (offsets 0) and the sample says so.
 */
import type { InferenceService } from '../inference/service.js';
import type { Point } from '../../../common/geometry.js';
import { canonicalOffsets, composeTarget, DEFAULT_EXAGGERATION } from '../../../common/warp/compose.js';
import { safeMapping } from '../warp/folds.js';
import { sampleHeadSize } from './head-size.js';
import { LANDMARK_MODEL, NOISE_DIM, noiseRows, runGenerator, slerp } from './generator.js';
import { rejection, type Rejection } from './plausible.js';
import { cellSeed, gaussianRng } from '../../../common/random.js';

/** Draws per cell before it falls back to the plain face; with OFFSET_GAIN 1.5 about half the draws fold on sample2, 0.5¹² ≈ 0.02 %. */
export const MAX_TRIES = 12;
/**
 * The generator reproduces the AutoToon artists' offsets (mean 4.2 canonical px at temperature 1),
 * whose cell-to-cell differences, 5.5 px ≈ 7 % of the eye distance, left a sheet of
 * near-identical shapes; ×1.5 they are 8.3 px (11 %). ×2 folded 68 % of the draws on sample2
 * (the filter rejects them), ×1.5 53 %, ×1 22 %.
 */
export const OFFSET_GAIN = 1.5;
/** Sub-seed of a cell's head-size draw (apart from the landmark code's tries). */
const HEAD_SUBSEED = 0x20000;

export interface GeometrySample {
  /** 68 offsets in the canonical frame (canonical px): what a preset stores. */
  offsets: Point[];
  /** 68 target landmarks in image pixels. */
  target: Point[];
  /** Draws rejected before this one. */
  rejected: Rejection[];
  /** True when every draw was rejected and the face was left as it is. */
  fallback: boolean;
  /** The noise code of the accepted draw (null on fallback): the end point for interpolation. */
  code: Float32Array | null;
  /** The cell's head size (1 = as is). */
  head: number;
}

/** Noise code of try t for a cell seed: try 0 is the seed itself, retries use hashed sub-seeds. */
export function trySeed(seed: number, t: number): number {
  return t === 0 ? seed : cellSeed(seed, 0x10000 + t);
}

export function toPoints(v: ArrayLike<number>): Point[] {
  return Array.from({ length: v.length / 2 }, (_, i): Point => [v[2 * i]!, v[2 * i + 1]!]);
}

/** The offsets a decoded generator vector stands for (canonical px, ×OFFSET_GAIN). */
export function toOffsets(v: ArrayLike<number>): Point[] {
  return toPoints(Array.from(v, (x) => OFFSET_GAIN * x));
}

/** What a cell's draw is added to: canonical offsets (the default exaggeration, fold-safe) and a head size. */
export interface CellBase {
  offsets: Point[];
  head: number;
}

const NO_BASE: CellBase = { offsets: Array.from({ length: 68 }, (): Point => [0, 0]), head: 1 };

/** The cell's target for a draw's offsets on `base` (image px). */
function cellTarget(source: readonly Point[], base: CellBase, draw: readonly Point[]): Point[] {
  return composeTarget(source, { offsets: base.offsets.map((o, i): Point => [o[0] + draw[i]![0], o[1] + draw[i]![1]]), head: base.head });
}

/**
 * First plausible target among the decoded offset vectors (made from `codes`), in order, on
 * `base`, each held back where it would fold (folds.ts, as the warp would): the default
 * exaggeration of a turned face sits near a fold by itself (sample2 at k = 2.4), and rejecting
 * every draw that tips it over left 26 of 64 cells as the plain face. What is rejected is a draw
 * that leaves the picture or crosses the eyes. The sample's offsets are the whole cell's (base
 * and draw, head size included): opened in the editor, they give its target back.
 */
export function firstPlausible(width: number, height: number, source: readonly Point[], vectors: readonly ArrayLike<number>[], codes: readonly Float32Array[], base: CellBase = NO_BASE): GeometrySample {
  const rejected: Rejection[] = [];
  for (const [i, v] of vectors.entries()) {
    const target = safeMapping(width, height, source, cellTarget(source, base, toOffsets(v))).target;
    const why = rejection(width, height, source, target);
    if (!why) return { offsets: canonicalOffsets(source, target), target, rejected, fallback: false, code: codes[i] ?? null, head: base.head };
    rejected.push(why);
  }
  return { offsets: source.map((): Point => [0, 0]), target: source.map((p): Point => [p[0], p[1]]), rejected, fallback: true, code: null, head: 1 };
}

/** The default exaggeration of this face as canonical offsets: what every cell's draw is added to. */
export function exaggerationBase(source: readonly Point[]): Point[] {
  return canonicalOffsets(source, composeTarget(source, { gains: { global: DEFAULT_EXAGGERATION } }));
}

/** A cell's head size: drawn from the artists' spread at the temperature (head-size.ts). */
export function cellHead(seed: number, temperature: number): number {
  return sampleHeadSize(gaussianRng(cellSeed(seed, HEAD_SUBSEED))(), temperature);
}

export async function sampleGeometry(
  inference: InferenceService,
  image: { width: number; height: number },
  source: readonly Point[],
  seed: number,
  temperature: number,
  base: readonly Point[] = exaggerationBase(source),
): Promise<GeometrySample> {
  const z = noiseRows(Array.from({ length: MAX_TRIES }, (_, t) => trySeed(seed, t)), temperature);
  const { vectors } = await runGenerator(inference, LANDMARK_MODEL, z, 'offsets');
  return firstPlausible(image.width, image.height, source, vectors, z, { offsets: [...base], head: cellHead(seed, temperature) });
}

export interface InterpolationStep {
  t: number;
  offsets: Point[];
  target: Point[];
  /** Why this in-between shape fails the filter, or null (the end points always pass). */
  rejected: Rejection | null;
}

/**
 * In-between geometries of two cells: their accepted noise codes are interpolated on the sphere
 * (generator.ts slerp) and decoded, so every step is a generator output, not a blend of two
 * shapes; the head size goes linearly from one cell's to the other's.
 */
export async function interpolateGeometry(
  inference: InferenceService,
  image: { width: number; height: number },
  source: readonly Point[],
  a: GeometrySample,
  b: GeometrySample,
  steps: number,
): Promise<InterpolationStep[]> {
  const ts = Array.from({ length: steps }, (_, i) => i / (steps - 1));
  const base = exaggerationBase(source);
  const za = a.code ?? new Float32Array(NOISE_DIM);
  const zb = b.code ?? new Float32Array(NOISE_DIM);
  const { vectors } = await runGenerator(inference, LANDMARK_MODEL, ts.map((t) => slerp(za, zb, t)), 'offsets');
  return ts.map((t, i) => {
    // The end points are the cells themselves: a fallback cell is the plain face, which no code decodes to.
    const end = i === 0 ? a : i === ts.length - 1 ? b : null;
    const target = end ? end.target : cellTarget(source, { offsets: base, head: a.head + t * (b.head - a.head) }, toOffsets(vectors[i]!));
    const offsets = end ? end.offsets : canonicalOffsets(source, target);
    return { t, offsets, target, rejected: end ? null : rejection(image.width, image.height, source, target) };
  });
}
