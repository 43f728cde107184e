/**
 * A tiny-detector box → the box SSD would likely give for the same face. The two nets frame a
 * face differently (Tiny YOLO: wider than tall, centred low on the face; SSD: taller than wide,
 * reaching the brows), and the 68-point net sees the square crop around the box, so landmarks
 * from a raw tiny box sit several pixels off those from SSD's box. The mapping is four numbers
 * relative to the box size, fitted by build/recipes/faceapi/tiny-box-calibration.ts over faces
 * both detectors find (provenance and measured effect inside tiny-box-map.json).
 */
import data from './tiny-box-map.json' with { type: 'json' };
import type { Box } from '../../../common/geometry.js';

/** SSD box = tiny centre + (dx·w, dy·h), size (sw·w, sh·h), for a tiny box of size w × h. */
export interface BoxMapping {
  dx: number;
  dy: number;
  sw: number;
  sh: number;
}

export const TINY_TO_SSD: Readonly<BoxMapping> = Object.freeze({ ...data.mapping });

export function mapBox([x, y, w, h]: Box, m: BoxMapping): Box {
  const cx = x + w / 2 + m.dx * w;
  const cy = y + h / 2 + m.dy * h;
  const mw = m.sw * w;
  const mh = m.sh * h;
  return [cx - mw / 2, cy - mh / 2, mw, mh];
}

/**
 * Least squares of the residuals relative to the tiny box's size, one parameter at a time
 * (each appears in one coordinate only): min Σ((s − t − dx·w_t)/w_t)² gives the mean of
 * (s − t)/w_t, and likewise for the rest. Relative residuals weigh a 500-px face like a 50-px one.
 */
export function fitBoxMapping(pairs: ReadonlyArray<{ tiny: Box; ssd: Box }>): BoxMapping {
  if (pairs.length === 0) throw new RangeError('no box pairs to fit');
  const mean = (f: (t: Box, s: Box) => number) => pairs.reduce((acc, p) => acc + f(p.tiny, p.ssd), 0) / pairs.length;
  return {
    dx: mean((t, s) => (s[0] + s[2] / 2 - (t[0] + t[2] / 2)) / t[2]),
    dy: mean((t, s) => (s[1] + s[3] / 2 - (t[1] + t[3] / 2)) / t[3]),
    sw: mean((t, s) => s[2] / t[2]),
    sh: mean((t, s) => s[3] / t[3]),
  };
}
