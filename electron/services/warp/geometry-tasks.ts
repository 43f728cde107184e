/**
 * The warp's CPU-heavy geometry as worker tasks (workers/pool.ts): the spline fit (a dense solve,
 * cubic in the control points) and fold prevention (dozens of fits and det J sweeps: 48–80 ms on
 * a big edit), for the whole-image warp and for the head layer's crops. Plain values in and out, so they cross to a worker thread by structured clone.
 */
import { fitMapping } from './mapping.js';
import { preventFolds, screenSamples } from './folds.js';
import { fitHead, safeHead } from './head-layer.js';
import type { Points } from '../../../common/geometry.js';

export const WARP_GEOMETRY = {
  /** The mapping of an edit and the fold screen's samples (the warp graph evaluates the screen). */
  fitEdit(width: number, height: number, source: Points, target: Points, pinned: Points) {
    const mapping = fitMapping(width, height, source, target, pinned);
    return { mapping, screen: screenSamples(mapping, source, target) };
  },
  preventFolds,
  /** The head layer's crop, spline and probes (head-layer.ts). */
  fitHead,
  safeHead,
};
