/** Synthesis on the calling thread (one rank): for tests of the kernels and for tuning scripts; the app uses the worker pool. */
import type { Rgb8 } from './guides.js';
import { allocate, makePlan, type FacePair, type SynthesisOptions, type Weights } from './plan.js';
import { runRank } from './run.js';

export function synthesizeInline(artwork: Rgb8, photo: Rgb8, options: SynthesisOptions, faces?: FacePair, mask?: Float32Array, weights?: Weights): Rgb8 {
  const plan = makePlan(artwork, photo, options, faces, { mask }, weights);
  const buffers = allocate(plan, artwork, photo, { mask });
  runRank({ plan, buffers, rank: 0, size: 1 });
  return { width: photo.width, height: photo.height, data: new Uint8Array(buffers.out).slice() };
}
