/**
 * dlib's HOG detector as one of the app's detectors ('hog', and a pass of the rescue): its faces
 * as RawDetections whose box is dlib's own rectangle, so the precise landmarks take it without
 * the SSD → dlib box mapping (dlibBox). It runs in TypeScript on the CPU; a photo is scanned at
 * most HOG_MAX_SIDE px on its longer side (a 4000×3000 photo at full size takes seconds, and its
 * faces are far above the detector's 80-px window), boxes scaled back to the photo.
 */
import type { RgbImage } from '../../images/decode.js';
import { fitWithin } from '../../images/decode.js';
import type { InferenceService } from '../../inference/service.js';
import type { Box } from '../../../../common/geometry.js';
import type { RawDetection } from '../types.js';
import { detectHogAsync } from './detect.js';
import { HOG_MODEL, loadHogModel } from './load.js';
import type { HogModel } from './model.js';

export const HOG_MAX_SIDE = 1280;

/** dlib's rectangle on an image scaled by `scale` → [x, y, w, h] on the original. */
export function hogBox([l, t, r, b]: readonly [number, number, number, number], scale: number): Box {
  return [l / scale, t / scale, (r - l + 1) / scale, (b - t + 1) / scale];
}

/** The HOG model, noted as used; null while "Only models cleared for commercial use" excludes it. */
export async function clearedHogModel(inference: InferenceService): Promise<HogModel | null> {
  if (!(await inference.cleared(HOG_MODEL))) return null;
  const model = await loadHogModel(inference.modelsDir);
  inference.note([HOG_MODEL]);
  return model;
}

/** dlib's faces (its threshold, confidence > 0 … in practice up to ~3), best first. */
export async function detectHogFaces(inference: InferenceService, image: RgbImage, maxResults = Infinity): Promise<RawDetection[]> {
  const model = await clearedHogModel(inference);
  if (!model) return [];
  const work = await fitWithin(image, HOG_MAX_SIDE);
  const scale = work.width / image.width;
  return (await detectHogAsync(work, model))
    .slice(0, maxResults)
    .map((d) => {
      const box = hogBox(d.rect, scale);
      return { box, score: d.score, dlibBox: box };
    });
}
