/**
 * Runs a shipped APMM generator (native-models/apmm-*.onnx: z → G → embedding → decoder) on
 * seeded noise. Rows of z are drawn per seed (common/random.ts), so one cell's output does not depend on
 * what else is in the batch.
 */
import * as ort from 'onnxruntime-node';
import type { InferenceService } from '../inference/service.js';
import { noise } from '../../../common/random.js';

/** Noise dimension of every APMM generator (the trainer uses the same constant). */
export const NOISE_DIM = 16;
export const LANDMARK_MODEL = 'apmm-landmarks';
export const STYLE_MODEL = 'apmm-style';

export interface GeneratorOutput {
  /** The generator's embedding per row. */
  embeddings: Float32Array[];
  /** The decoded vector per row (landmark offsets in canonical px, or a style vector). */
  vectors: Float32Array[];
}

/** The noise rows for seeds at a temperature, or given codes directly (interpolation). */
export function noiseRows(seeds: readonly number[], temperature: number): Float32Array[] {
  return seeds.map((s) => noise(s, NOISE_DIM, temperature));
}

export async function runGenerator(inference: InferenceService, model: string, z: readonly Float32Array[], output: string): Promise<GeneratorOutput> {
  const n = z.length;
  if (n === 0) return { embeddings: [], vectors: [] };
  const flat = new Float32Array(n * NOISE_DIM);
  z.forEach((row, i) => flat.set(row, i * NOISE_DIM));
  const out = await inference.run(model, { z: new ort.Tensor('float32', flat, [n, NOISE_DIM]) });
  const split = (t: ort.Tensor) => {
    const d = t.dims[1]!;
    const data = t.data as Float32Array;
    return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
  };
  return { embeddings: split(out.embedding!), vectors: split(out[output]!) };
}

/** Spherical interpolation between two noise codes: keeps |z| typical of N(0, I) midway, unlike a lerp. */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  const na = Math.hypot(...a);
  const nb = Math.hypot(...b);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i]! / na) * (b[i]! / nb);
  const omega = Math.acos(Math.min(1, Math.max(-1, dot)));
  if (omega < 1e-6) return a.map((v, i) => v + t * (b[i]! - v));
  const s = Math.sin(omega);
  const ka = Math.sin((1 - t) * omega) / s;
  const kb = Math.sin(t * omega) / s;
  return a.map((v, i) => ka * v + kb * b[i]!);
}
