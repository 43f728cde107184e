/**
 * Face detection with face-api's TinyFaceDetector (native-models/tiny_face_detector.onnx, a
 * Tiny YOLO v2) and the decoding of src/tinyYolov2/TinyYolov2Base.ts (extractBoxes, detect)
 * copied step by step in double precision, so boxes match face-api's own within a pixel.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import type { ProviderName } from '../../../common/names.js';
import { rankByScore, suppress } from './nms.js';
import { squareCorrection, squareInput } from './resample.js';
import type { Point } from '../../../common/geometry.js';
import type { DetectorOptions, RawDetection } from './types.js';

export const TINY_MODEL = 'face-detector-tiny';
/** face-api's default inputSize for TinyFaceDetectorOptions. */
export const TINY_INPUT = 416;
export const TINY_CELLS = 13;
/** Anchor (width, height) in grid cells, src/tinyFaceDetector/const.ts BOX_ANCHORS. */
export const TINY_ANCHORS: readonly Point[] = [
  [1.603231, 2.094468],
  [6.041143, 7.080126],
  [2.882459, 3.518061],
  [4.266906, 5.178857],
  [9.041765, 10.66308],
];
/** src/tinyFaceDetector/const.ts IOU_THRESHOLD. */
export const TINY_IOU = 0.4;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export interface TinyCandidates {
  /** (ymin, xmin, ymax, xmax) per grid box, in fractions of the image. */
  boxes: Float64Array;
  /** sigmoid(objectness) per grid box. */
  scores: Float64Array;
}

/**
 * Every box of the raw grid [cells, cells, anchors, 5] (tx, ty, tw, th, to), YOLO v2 style:
 * centre = (cell + σ(t)) / cells, size = e^t · anchor / cells, then scaled by `correction` from
 * the padded square to the image (squareCorrection). face-api decodes only boxes above the score
 * threshold; decoding all 845 costs microseconds and leaves the threshold to rankByScore.
 */
export function decodeTinyGrid(grid: ArrayLike<number>, cells: number, anchors: readonly Point[], correction: [number, number]): TinyCandidates {
  const [cx, cy] = correction;
  const n = cells * cells * anchors.length;
  const boxes = new Float64Array(n * 4);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const anchor = anchors[i % anchors.length]!;
    const col = Math.floor(i / anchors.length) % cells;
    const row = Math.floor(i / anchors.length / cells);
    const t = i * 5;
    const ctX = ((col + sigmoid(grid[t]!)) / cells) * cx;
    const ctY = ((row + sigmoid(grid[t + 1]!)) / cells) * cy;
    const w = ((Math.exp(grid[t + 2]!) * anchor[0]) / cells) * cx;
    const h = ((Math.exp(grid[t + 3]!) * anchor[1]) / cells) * cy;
    const x = ctX - w / 2;
    const y = ctY - h / 2;
    boxes.set([y, x, y + h, x + w], i * 4);
    scores[i] = sigmoid(grid[t + 4]!);
  }
  return { boxes, scores };
}

/**
 * face-api's Tiny YOLO NMS (src/ops/nonMaxSuppression.ts): a stable ascending sort popped from
 * the end, so of two equal scores the later grid box wins. Boxes are not clipped to the image:
 * face-api returns them as they are, and the landmark crop clips them (clipAndFloor).
 */
export function tinyDetections(c: TinyCandidates, width: number, height: number, opts: DetectorOptions = {}): RawDetection[] {
  const { minConfidence = 0.5, maxResults = 100 } = opts;
  const keep = suppress(c.boxes, rankByScore(c.scores, minConfidence, false), TINY_IOU, maxResults);
  return keep.map((i) => {
    const [ymin, xmin, ymax, xmax] = c.boxes.subarray(i * 4, i * 4 + 4);
    return { box: [xmin! * width, ymin! * height, (xmax! - xmin!) * width, (ymax! - ymin!) * height], score: c.scores[i]! };
  });
}

/**
 * Input arrays of finished runs, reused: a fresh 2 MB array per detection (off the JS heap) kept
 * the garbage collector busy for ~0.5 ms a run on the 1024×768 bench photo.
 */
const spareInputs: Float32Array[] = [];

export async function detectTiny(
  inference: InferenceService,
  image: RgbImage,
  opts: DetectorOptions = {},
): Promise<{ detections: RawDetection[]; provider: ProviderName }> {
  const input = squareInput(image, TINY_INPUT, spareInputs.pop());
  const { outputs: out, provider } = await inference
    .runOn(TINY_MODEL, { image: new ort.Tensor('float32', input, [1, TINY_INPUT, TINY_INPUT, 3]) })
    .finally(() => spareInputs.length < 2 && spareInputs.push(input));
  const grid = out.grid!.data as Float32Array;
  const candidates = decodeTinyGrid(grid, TINY_CELLS, TINY_ANCHORS, squareCorrection(image.width, image.height, TINY_INPUT));
  return { detections: tinyDetections(candidates, image.width, image.height, opts), provider };
}
