/**
 * Face detection with face-api's SSD MobileNetV1 (native-models/ssd_mobilenetv1.onnx) and the
 * post-processing of src/ssdMobilenetv1/SsdMobilenetv1.ts copied step by step, so boxes match
 * face-api's own within a pixel.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import type { ProviderName } from '../inference/providers.js';
import { resizeSquare } from './resample.js';
import type { Box } from './types.js';

export const SSD_MODEL = 'face-detector-ssd';
export const SSD_INPUT = 512;

export interface DetectorOptions {
  /** Faces scoring at or below this are dropped (face-api's default 0.5). */
  minConfidence?: number;
  maxResults?: number;
}

export interface RawDetection {
  box: Box;
  score: number;
}

/** IoU of two (ymin, xmin, ymax, xmax) boxes, corners in either order, as face-api computes it. */
export function iou(b: Float32Array, i: number, j: number): number {
  const yminI = Math.min(b[i * 4]!, b[i * 4 + 2]!);
  const xminI = Math.min(b[i * 4 + 1]!, b[i * 4 + 3]!);
  const ymaxI = Math.max(b[i * 4]!, b[i * 4 + 2]!);
  const xmaxI = Math.max(b[i * 4 + 1]!, b[i * 4 + 3]!);
  const yminJ = Math.min(b[j * 4]!, b[j * 4 + 2]!);
  const xminJ = Math.min(b[j * 4 + 1]!, b[j * 4 + 3]!);
  const ymaxJ = Math.max(b[j * 4]!, b[j * 4 + 2]!);
  const xmaxJ = Math.max(b[j * 4 + 1]!, b[j * 4 + 3]!);
  const areaI = (ymaxI - yminI) * (xmaxI - xminI);
  const areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
  if (areaI <= 0 || areaJ <= 0) return 0;
  const inter = Math.max(Math.min(ymaxI, ymaxJ) - Math.max(yminI, yminJ), 0) * Math.max(Math.min(xmaxI, xmaxJ) - Math.max(xminI, xminJ), 0);
  return inter / (areaI + areaJ - inter);
}

/**
 * Greedy NMS as in src/ssdMobilenetv1/nonMaxSuppression.ts: candidates above the threshold by
 * descending score; one kept earlier with IoU > iouThreshold suppresses a candidate.
 */
export function nonMaxSuppression(boxes: Float32Array, scores: Float32Array, maxOutput: number, iouThreshold: number, scoreThreshold: number): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > scoreThreshold) candidates.push(i);
  candidates.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const selected: number[] = [];
  const limit = Math.min(maxOutput, scores.length);
  for (const c of candidates) {
    if (selected.length >= limit) break;
    if (selected.every((s) => iou(boxes, c, s) <= iouThreshold)) selected.push(c);
  }
  return selected;
}

/**
 * Maps a box relative to the padded square back to image pixels. face-api rescales by
 * 512 / round(side · 512 / max(W, H)) (rounded reshaped size), so do the same.
 */
export function ssdBoxToImage(b: Float32Array, i: number, width: number, height: number): Box {
  const scale = SSD_INPUT / Math.max(width, height);
  const padX = SSD_INPUT / Math.round(width * scale);
  const padY = SSD_INPUT / Math.round(height * scale);
  const top = Math.max(0, b[i * 4]!) * padY;
  const left = Math.max(0, b[i * 4 + 1]!) * padX;
  const bottom = Math.min(1, b[i * 4 + 2]!) * padY;
  const right = Math.min(1, b[i * 4 + 3]!) * padX;
  return [left * width, top * height, (right - left) * width, (bottom - top) * height];
}

export async function detectSsd(
  inference: InferenceService,
  image: RgbImage,
  opts: DetectorOptions = {},
): Promise<{ detections: RawDetection[]; provider: ProviderName }> {
  const { minConfidence = 0.5, maxResults = 100 } = opts;
  const input = new Float32Array(SSD_INPUT * SSD_INPUT * 3);
  // Zero padding at the bottom/right (padToSquare without centring), then resize to 512.
  const side = Math.max(image.width, image.height);
  resizeSquare(image, { x: 0, y: 0, width: image.width, height: image.height, padLeft: 0, padTop: 0, side }, SSD_INPUT, input);
  const model = await inference.load(SSD_MODEL);
  const out = await model.session.run({ image: new ort.Tensor('float32', input, [1, SSD_INPUT, SSD_INPUT, 3]) });
  const boxes = out.boxes!.data as Float32Array;
  const scores = out.scores!.data as Float32Array;
  const keep = nonMaxSuppression(boxes, scores, maxResults, 0.5, minConfidence);
  return {
    detections: keep.map((i) => ({ box: ssdBoxToImage(boxes, i, image.width, image.height), score: scores[i]! })),
    provider: model.provider,
  };
}
