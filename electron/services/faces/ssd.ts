/**
 * Face detection with face-api's SSD MobileNetV1 (native-models/ssd_mobilenetv1.onnx) and the
 * post-processing of src/ssdMobilenetv1/SsdMobilenetv1.ts copied step by step, so boxes match
 * face-api's own within a pixel.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import type { ProviderName } from '../../../common/names.js';
import { rankByScore, suppress } from './nms.js';
import { squareCorrection, squareInput } from './resample.js';
import type { Box } from '../../../common/geometry.js';
import type { DetectorOptions, RawDetection } from './types.js';

export const SSD_MODEL = 'face-detector-ssd';
export const SSD_INPUT = 512;

/** face-api's SSD NMS: ties in score go to the lower anchor index. */
export function nonMaxSuppression(boxes: Float32Array, scores: Float32Array, maxOutput: number, iouThreshold: number, scoreThreshold: number): number[] {
  return suppress(boxes, rankByScore(scores, scoreThreshold, true), iouThreshold, Math.min(maxOutput, scores.length));
}

/**
 * Maps a box relative to the padded square back to image pixels, clamped to the square as
 * face-api's SSD does (see squareCorrection for the rounded reshape).
 */
export function ssdBoxToImage(b: Float32Array, i: number, width: number, height: number): Box {
  const [padX, padY] = squareCorrection(width, height, SSD_INPUT);
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
  const input = squareInput(image, SSD_INPUT);
  const { outputs: out, provider } = await inference.runOn(SSD_MODEL, { image: new ort.Tensor('float32', input, [1, SSD_INPUT, SSD_INPUT, 3]) });
  const boxes = out.boxes!.data as Float32Array;
  const scores = out.scores!.data as Float32Array;
  const keep = nonMaxSuppression(boxes, scores, maxResults, 0.5, minConfidence);
  return {
    detections: keep.map((i) => ({ box: ssdBoxToImage(boxes, i, image.width, image.height), score: scores[i]! })),
    provider,
  };
}
