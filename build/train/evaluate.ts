/**
 * The issue #6 acceptance numbers for a generator session: 256 samples (seeds 0…255, T = 1)
 * against the training set (spread, novelty) and held-out vectors (nearest-sample distance vs
 * Gaussian vectors with the training set's per-dimension mean and spread).
 */
import * as ort from 'onnxruntime-node';
import { NOISE_DIM, noiseRows } from '../../electron/services/apmm/generator.js';
import { gaussianRng } from '../../common/random.js';
import { meanNearestDistance, meanPairwiseDistance, moments, nearestDistance } from '../../electron/services/apmm/stats.js';

export const EVAL_SAMPLES = 256;

export async function sampleSession(session: ort.InferenceSession, output: string, n = EVAL_SAMPLES): Promise<Float32Array[]> {
  const z = noiseRows(Array.from({ length: n }, (_, i) => i), 1);
  const flat = new Float32Array(n * NOISE_DIM);
  z.forEach((r, i) => flat.set(r, i * NOISE_DIM));
  const t = (await session.run({ z: new ort.Tensor('float32', flat, [n, NOISE_DIM]) }))[output]!;
  const d = t.dims[1]!;
  return Array.from({ length: n }, (_, i) => (t.data as Float32Array).slice(i * d, (i + 1) * d));
}

export function gaussianLike(train: ReadonlyArray<ArrayLike<number>>, n: number, seed: number): Float64Array[] {
  const { mean, std } = moments(train);
  const g = gaussianRng(seed);
  return Array.from({ length: n }, () => mean.map((m, i) => m + std[i]! * g()));
}

export async function evaluateSamples(session: ort.InferenceSession, output: string, train: number[][], heldOut: number[][]) {
  const samples = await sampleSession(session, output);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    samples: samples.length,
    spreadRatio: round(meanPairwiseDistance(samples) / meanPairwiseDistance(train)),
    minDistanceToTraining: round(Math.min(...samples.map((s) => nearestDistance(s, train)))),
    heldOutNearestGenerated: round(meanNearestDistance(heldOut, samples)),
    heldOutNearestGaussian: round(meanNearestDistance(heldOut, gaussianLike(train, samples.length, 1))),
  };
}
