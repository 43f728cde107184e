/**
 * Runs the dense warp model (native-models/warp-tps.onnx, recipe build/recipes/warp/tps-warp.ts)
 * through the inference service, so it gets the same provider choice and fallback as every model.
 */
import * as ort from 'onnxruntime-node';
import type { InferenceService } from '../inference/service.js';
import type { RgbImage } from '../images/decode.js';
import { badInput } from '../errors.js';
import { safeMapping, type SafeMapping } from './folds.js';
import type { Mapping } from './mapping.js';
import { allFinite, type Points } from './points.js';

export const WARP_MODEL = 'warp-tps';

export interface WarpResult extends Omit<SafeMapping, 'mapping'> {
  image: RgbImage;
}

/** Applies a fitted mapping to an image of the size the mapping was fitted for. */
export async function applyMapping(inference: InferenceService, image: RgbImage, m: Mapping): Promise<RgbImage> {
  if (image.width !== m.width || image.height !== m.height) {
    throw new Error(`applyMapping: mapping for ${m.width}×${m.height}, image ${image.width}×${image.height}`);
  }
  const n = m.tps.centers.length / 2;
  const out = await inference.run(WARP_MODEL, {
    image: new ort.Tensor('uint8', image.data, [1, image.height, image.width, 3]),
    centers: new ort.Tensor('float32', Float32Array.from(m.tps.centers), [n, 2]),
    weights: new ort.Tensor('float32', Float32Array.from(m.tps.weights), [n, 2]),
    affine: new ort.Tensor('float32', Float32Array.from(m.tps.affine), [3, 2]),
  });
  const t = out.warped!;
  return { width: image.width, height: image.height, data: t.data as Uint8Array };
}

/**
 * Warps `image` so that the `source` landmarks (image pixels) land on `target`, scaling the drag
 * back if it would fold the picture; `pinned` points stay where they are.
 */
export async function warpImage(inference: InferenceService, image: RgbImage, source: Points, target: Points, pinned: Points = []): Promise<WarpResult> {
  if (image.width < 2 || image.height < 2) throw badInput('The image is too small to warp (at least 2×2 pixels are needed).');
  if (source.length !== target.length) throw badInput(`The warp needs as many target points as source points (${source.length}), got ${target.length}.`);
  if (!allFinite(source) || !allFinite(target) || !allFinite(pinned)) throw badInput('The warp points must be finite numbers.');
  const { mapping, ...rest } = safeMapping(image.width, image.height, source, target, pinned);
  return { ...rest, image: await applyMapping(inference, image, mapping) };
}
