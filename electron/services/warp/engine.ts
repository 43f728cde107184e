/**
 * Runs the dense warp model (native-models/warp-tps.onnx, recipe build/recipes/warp/tps-warp.ts)
 * through the inference service, so it gets the same provider choice and fallback as every model.
 */
import * as ort from 'onnxruntime-node';
import type { InferenceService } from '../inference/service.js';
import type { RgbImage } from '../images/decode.js';
import { badInput } from '../../../common/errors.js';
import { CLEAR_JACOBIAN, preventFolds, screenSamples, unfolded, type SafeMapping } from './folds.js';
import { fitMapping, type Mapping } from './mapping.js';
import { allFinite, type Points } from '../../../common/geometry.js';

export const WARP_MODEL = 'warp-tps';

/** How far outside the image (in image sizes) a warp point may lie and still mean something. */
const REACH = 10;

/** True when every point lies within REACH image sizes of the image. */
function withinReach(pts: Points, width: number, height: number): boolean {
  const r = REACH * Math.max(width, height);
  return pts.every(([x, y]) => x >= -r && x <= width + r && y >= -r && y <= height + r);
}

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
 * folds, prevention and a second run of the graph).
 */
export async function warpImage(inference: InferenceService, image: RgbImage, source: Points, target: Points, pinned: Points = []): Promise<WarpResult> {
  if (image.width < 2 || image.height < 2) throw badInput('The image is too small to warp (at least 2×2 pixels are needed).');
  if (source.length !== target.length) throw badInput(`The warp needs as many target points as source points (${source.length}), got ${target.length}.`);
  if (!allFinite(source) || !allFinite(target) || !allFinite(pinned)) throw badInput('The warp points must be finite numbers.');
  if (![source, target, pinned].every((p) => withinReach(p, image.width, image.height))) {
    throw badInput(`The warp points must lie on or near the image (within ${REACH} image sizes of it).`);
  }
  const fitted = fitMapping(image.width, image.height, source, target, pinned);
  const first = await warpGraph(inference, image, fitted, screenSamples(fitted, source, target));
  const { mapping, ...rest } = first.jacobian.every((d) => d > CLEAR_JACOBIAN) ? unfolded(fitted, target) : preventFolds(fitted, source, target, pinned);
  return { ...rest, image: mapping === fitted ? first.image : await applyMapping(inference, image, mapping) };
}
