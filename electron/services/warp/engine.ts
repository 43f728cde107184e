/**
 * Runs the dense warp model (native-models/warp-tps.onnx, recipe build/recipes/warp/tps-warp.ts)
 * through the inference service, so it gets the same provider choice and fallback as every model.
 */
import * as ort from 'onnxruntime-node';
import type { InferenceService } from '../inference/service.js';
import type { RgbImage } from '../images/decode.js';
import { badInput } from '../../../common/errors.js';
import { CLEAR_JACOBIAN, unfolded, type SafeMapping } from './folds.js';
import type { Mapping } from './mapping.js';
import { inThreadGeometry, type WarpGeometry } from './geometry-pool.js';
import { allFinite, type Points } from '../../../common/geometry.js';
import { assertNearImage } from '../images/reach.js';

export const WARP_MODEL = 'warp-tps';

export interface WarpResult extends Omit<SafeMapping, 'mapping'> {
  image: RgbImage;
}

interface GraphResult {
  image: RgbImage;
  /** det J of the mapping at each probe (float32). */
  jacobian: Float32Array;
}

/**
 * Runs the warp graph: `image` warped by `m`, and det J at `probes` (image pixels). The image may
 * carry more channels than RGB (its data length says how many): the head layer passes RGBA with
 * its mask as alpha, which comes back warped the same way.
 */
export async function warpGraph(inference: InferenceService, image: RgbImage, m: Mapping, probes: Points): Promise<GraphResult> {
  if (image.width !== m.width || image.height !== m.height) {
    throw new Error(`warpGraph: mapping for ${m.width}×${m.height}, image ${image.width}×${image.height}`);
  }
  const n = m.tps.centers.length / 2;
  const p = new Float32Array(probes.length * 2);
  probes.forEach(([x, y], i) => p.set([x / m.norm, y / m.norm], i * 2));
  const out = await inference.run(WARP_MODEL, {
    image: new ort.Tensor('uint8', image.data, [1, image.height, image.width, image.data.length / (image.width * image.height)]),
    centers: new ort.Tensor('float32', Float32Array.from(m.tps.centers), [n, 2]),
    weights: new ort.Tensor('float32', Float32Array.from(m.tps.weights), [n, 2]),
    affine: new ort.Tensor('float32', Float32Array.from(m.tps.affine), [3, 2]),
    probes: new ort.Tensor('float32', p, [probes.length, 2]),
  });
  return {
    image: { width: image.width, height: image.height, data: out.warped!.data as Uint8Array },
    jacobian: out.jacobian!.data as Float32Array,
  };
}

/** Applies a fitted mapping to an image of the size the mapping was fitted for. */
export async function applyMapping(inference: InferenceService, image: RgbImage, m: Mapping): Promise<RgbImage> {
  return (await warpGraph(inference, image, m, [])).image;
}

/**
 * Warps `image` so that the `source` landmarks (image pixels) land on `target`, scaling the drag
 * back if it would fold the picture; `pinned` points stay where they are.
 *
 * Same outcome as safeMapping() then applyMapping(), faster for the usual edit, which does not
 * fold: the graph evaluates the fold screen along with the warp, so the float64 screen in
 * TypeScript is skipped; only an edit the screen does not clear takes the full check (and, if it
 * folds, prevention and a second run of the graph). The fit and prevention run on `geometry`
 * (the hosts pass their worker pool, geometry-pool.ts).
 */
export async function warpImage(
  inference: InferenceService,
  image: RgbImage,
  source: Points,
  target: Points,
  pinned: Points = [],
  geometry: WarpGeometry = inThreadGeometry,
): Promise<WarpResult> {
  if (image.width < 2 || image.height < 2) throw badInput('The image is too small to warp (at least 2×2 pixels are needed).');
  if (source.length !== target.length) throw badInput(`The warp needs as many target points as source points (${source.length}), got ${target.length}.`);
  if (!allFinite(source) || !allFinite(target) || !allFinite(pinned)) throw badInput('The warp points must be finite numbers.');
  for (const pts of [source, target, pinned]) assertNearImage(pts, image.width, image.height);
  const { mapping: fitted, screen } = await geometry.run('fitEdit', image.width, image.height, source, target, pinned);
  const first = await warpGraph(inference, image, fitted, screen);
  const clear = first.jacobian.every((d) => d > CLEAR_JACOBIAN);
  const { mapping, ...rest } = clear ? unfolded(fitted, target) : await geometry.run('preventFolds', fitted, source, target, pinned);
  // Not folded means the fitted mapping (from a worker, a copy of it): the first run stands.
  return { ...rest, image: rest.folded ? await applyMapping(inference, image, mapping) : first.image };
}
