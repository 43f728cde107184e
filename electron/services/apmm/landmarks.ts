/**
 * Sampled caricature geometry for one face: the landmark generator's canonical offsets added to
 * the face's own canonical landmarks, mapped back to image pixels through the inverse alignment
 * (common/warp/compose.ts), then filtered for plausibility. A rejected draw is replaced by the next
 * sub-seed's draw, at most MAX_TRIES times (all tries run as one batch); if every draw fails the
 * face is left unchanged (offsets 0) and the sample says so.
 */
import type { InferenceService } from '../inference/service.js';
import type { Point } from '../../../common/geometry.js';
import { composeTarget } from '../../../common/warp/compose.js';
import { LANDMARK_MODEL, NOISE_DIM, noiseRows, runGenerator, slerp } from './generator.js';
import { rejection, type Rejection } from './plausible.js';
import { cellSeed } from '../../../common/random.js';

export const MAX_TRIES = 8;

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
}

/** Noise code of try t for a cell seed: try 0 is the seed itself, retries use hashed sub-seeds. */
export function trySeed(seed: number, t: number): number {
  return t === 0 ? seed : cellSeed(seed, 0x10000 + t);
}

export function toPoints(v: ArrayLike<number>): Point[] {
  return Array.from({ length: v.length / 2 }, (_, i): Point => [v[2 * i]!, v[2 * i + 1]!]);
}

/** First plausible target among the decoded offset vectors (made from `codes`), in order. */
export function firstPlausible(width: number, height: number, source: readonly Point[], vectors: readonly ArrayLike<number>[], codes: readonly Float32Array[]): GeometrySample {
  const rejected: Rejection[] = [];
  for (const [i, v] of vectors.entries()) {
    const offsets = toPoints(v);
    const target = composeTarget(source, { offsets });
    const why = rejection(width, height, source, target);
    if (!why) return { offsets, target, rejected, fallback: false, code: codes[i] ?? null };
    rejected.push(why);
  }
  return { offsets: source.map((): Point => [0, 0]), target: source.map((p): Point => [p[0], p[1]]), rejected, fallback: true, code: null };
}

export async function sampleGeometry(
  inference: InferenceService,
  image: { width: number; height: number },
  source: readonly Point[],
  seed: number,
  temperature: number,
): Promise<GeometrySample> {
  const z = noiseRows(Array.from({ length: MAX_TRIES }, (_, t) => trySeed(seed, t)), temperature);
  const { vectors } = await runGenerator(inference, LANDMARK_MODEL, z, 'offsets');
  return firstPlausible(image.width, image.height, source, vectors, z);
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
 * (generator.ts slerp) and decoded, so every step is a generator output, not a blend of two shapes.
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
  const za = a.code ?? new Float32Array(NOISE_DIM);
  const zb = b.code ?? new Float32Array(NOISE_DIM);
  const { vectors } = await runGenerator(inference, LANDMARK_MODEL, ts.map((t) => slerp(za, zb, t)), 'offsets');
  return ts.map((t, i) => {
    // The end points are the cells themselves: a fallback cell is the plain face, which no code decodes to.
    const end = i === 0 ? a : i === ts.length - 1 ? b : null;
    const offsets = end ? end.offsets : toPoints(vectors[i]!);
    const target = end ? end.target : composeTarget(source, { offsets });
    return { t, offsets, target, rejected: end ? null : rejection(image.width, image.height, source, target) };
  });
}
