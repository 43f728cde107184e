/**
 * 68 landmarks per detected face with face-api's landmark net, cropped and mapped back exactly
 * as face-api does it (src/dom/extractFaceTensors.ts, src/faceLandmarkNet/FaceLandmark68NetBase.ts,
 * src/factories/WithFaceLandmarks.ts). Two of its quirks move points by up to ~0.75 px and are
 * kept on purpose so the output matches the source network's: the crop is padded to a square
 * with round(d/2) zeros after and the rest before, but mapped back as if the padding were d/2 on
 * each side; and points are shifted by the unfloored box origin though the crop was floored.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { centredSquare, resizeSquare } from './resample.js';
import type { Box, Point } from '../../../common/geometry.js';

export const LANDMARKS_MODEL = 'face-landmarks68';
export const LANDMARKS_INPUT = 112;

/** face-api's Box.clipAtImageBorders: clip to the image, then floor x, y, width and height each. */
export function clipAndFloor(box: Box, width: number, height: number): Box {
  const [x, y, w, h] = box;
  const cx = Math.max(x, 0);
  const cy = Math.max(y, 0);
  const cw = Math.min(x + w - cx, width - cx);
  const ch = Math.min(y + h - cy, height - cy);
  return [Math.floor(cx), Math.floor(cy), Math.floor(cw), Math.floor(ch)];
}

/**
 * Net output (x, y relative to the 112 square) → image pixels, with face-api's symmetric-padding
 * assumption (postProcess) and the unfloored origin of the detection box (extendWithFaceLandmarks).
 */
export function landmarksToImage(out: Float32Array, offset: number, crop: Box, origin: Point): Point[] {
  const [, , w, h] = crop;
  const scale = LANDMARKS_INPUT / Math.max(w, h);
  const sw = w * scale;
  const sh = h * scale;
  const padX = sw < sh ? Math.abs(sw - sh) / 2 : 0;
  const padY = sh < sw ? Math.abs(sw - sh) / 2 : 0;
  const points: Point[] = [];
  for (let i = 0; i < 68; i++) {
    const rx = (out[offset + 2 * i]! * LANDMARKS_INPUT - padX) / sw;
    const ry = (out[offset + 2 * i + 1]! * LANDMARKS_INPUT - padY) / sh;
    points.push([rx * w + origin[0], ry * h + origin[1]]);
  }
  return points;
}

/** Landmarks for several boxes in one batched run. Boxes whose crop is empty get null. */
export async function detectLandmarks(inference: InferenceService, image: RgbImage, boxes: Box[]): Promise<Array<Point[] | null>> {
  const crops = boxes.map((b) => clipAndFloor(b, image.width, image.height));
  const valid = crops.map((c, i) => (c[2] > 0 && c[3] > 0 ? i : -1)).filter((i) => i >= 0);
  const result: Array<Point[] | null> = boxes.map(() => null);
  if (valid.length === 0) return result;
  const n = LANDMARKS_INPUT * LANDMARKS_INPUT * 3;
  const input = new Float32Array(valid.length * n);
  valid.forEach((i, k) => {
    const [x, y, w, h] = crops[i]!;
    resizeSquare(image, centredSquare(x, y, w, h), LANDMARKS_INPUT, input, k * n);
  });
  const out = await inference.run(LANDMARKS_MODEL, { image: new ort.Tensor('float32', input, [valid.length, LANDMARKS_INPUT, LANDMARKS_INPUT, 3]) });
  const data = out.landmarks!.data as Float32Array;
  valid.forEach((i, k) => {
    const box = boxes[i]!;
    result[i] = landmarksToImage(data, k * 136, crops[i]!, [box[0], box[1]]);
  });
  return result;
}
