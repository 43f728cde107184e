/**
 * Face parsing: each face is aligned into a 512² crop the way CelebA-HQ (the parser's training
 * data) aligned its faces, labelled by the BiSeNetV2 parser, and the labels are pasted back into
 * image coordinates (nearest label through the inverse similarity). Where two faces' crops
 * overlap, a pixel takes the label of the face whose crop centre is nearer.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { ServiceError } from '../../../common/errors.js';
import { applyAffine, eyeCentres, invertAffine, type Affine } from '../../../common/face68/align.js';
import { PARSING_CLASSES, PARSING_MODEL } from './parsing-classes.js';
import { warpAffine } from './streams.js';
import type { Point } from '../../../common/geometry.js';

export const PARSING_SIZE = 512;

export interface FaceLabels {
  /** Image → crop similarity. */
  toCrop: Affine;
  /** PARSING_SIZE² class indices, row-major. */
  labels: Uint8Array;
}

export interface Parsing {
  width: number;
  height: number;
  /** width × height class indices into PARSING_CLASSES. */
  labels: Uint8Array;
  classes: readonly string[];
  /** How many faces were parsed. */
  faces: number;
}

const mean = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/**
 * Image → 512² crop, CelebA-HQ's alignment (Karras et al. 2018, as in FFHQ's script): the crop is
 * centred a tenth of the way from the eyes to the mouth, its x axis along eye-to-eye turned by the
 * eye-to-mouth direction, and its half side max(2·|eye-to-eye|, 1.8·|eye-to-mouth|), so a face
 * turned in profile (short eye-to-eye) is still framed by its eye-to-mouth height.
 * `scale` < 1 frames tighter.
 */
export function parsingTransform(landmarks: Point[], scale = 1, size = PARSING_SIZE): Affine {
  const { left, right } = eyeCentres(landmarks);
  const eyeAvg = mean(left, right);
  const mouthAvg = mean(landmarks[48]!, landmarks[54]!);
  const e2e: Point = [right[0] - left[0], right[1] - left[1]];
  const e2m: Point = [mouthAvg[0] - eyeAvg[0], mouthAvg[1] - eyeAvg[1]];
  // x = eye_to_eye − rot90(eye_to_mouth): the face's horizontal axis from both cues.
  let x: Point = [e2e[0] + e2m[1], e2e[1] - e2m[0]];
  const len = Math.hypot(x[0], x[1]);
  if (!(len > 0)) throw new RangeError('the face landmarks are degenerate');
  const half = Math.max(Math.hypot(e2e[0], e2e[1]) * 2, Math.hypot(e2m[0], e2m[1]) * 1.8) * scale;
  x = [x[0] / len, x[1] / len];
  const c: Point = [eyeAvg[0] + e2m[0] * 0.1, eyeAvg[1] + e2m[1] * 0.1];
  const k = size / 2 / half;
  // crop = k·R·(p − c) + size/2, R rows = x axis and its clockwise normal (y down).
  const a = k * x[0];
  const b = -k * x[1];
  return [a, b, -b, a, size / 2 - (a * c[0] - b * c[1]), size / 2 - (b * c[0] + a * c[1])];
}

/** The parser's input: the crop's RGB scaled to −1..1, NHWC, as the tfjs package feeds it. */
export function parsingInput(crop: RgbImage): ort.Tensor {
  const x = new Float32Array(crop.data.length);
  for (let i = 0; i < x.length; i++) x[i] = crop.data[i]! / 127.5 - 1;
  return new ort.Tensor('float32', x, [1, crop.height, crop.width, 3]);
}

export type ParserAvailability = 'ok' | 'missing' | 'not-cleared';

export async function parserAvailability(inference: InferenceService): Promise<ParserAvailability> {
  if (!(await inference.cleared(PARSING_MODEL))) return 'not-cleared';
  return (await inference.hasModel(PARSING_MODEL)) ? 'ok' : 'missing';
}

/** One sentence for why parsing can't run, instead of ORT's file error. */
export async function requireParser(inference: InferenceService): Promise<void> {
  const a = await parserAvailability(inference);
  if (a === 'missing') throw new ServiceError('unsupported', 'Face parsing is not available because its model file is not built; run `npm run -s models -- parsing` to build it.');
  if (a === 'not-cleared') throw new ServiceError('unsupported', 'Face parsing is off because its model is not cleared for commercial use and "Only models cleared for commercial use" is on.');
}

export async function parseFace(inference: InferenceService, image: RgbImage, landmarks: Point[], scale = 1): Promise<FaceLabels> {
  const toCrop = parsingTransform(landmarks, scale);
  const crop = warpAffine(image, toCrop, PARSING_SIZE);
  const out = await inference.run(PARSING_MODEL, { image: parsingInput(crop) });
  return { toCrop, labels: classIndices(out.labels!.data as BigInt64Array) };
}

/**
 * The net's int64 labels (0…18) as bytes: the low 32-bit word of each, little-endian as every
 * platform ONNX Runtime's Node binding ships for, so no BigInt conversion per pixel (4 ms a face).
 */
export function classIndices(raw: BigInt64Array): Uint8Array {
  const words = new Int32Array(raw.buffer, raw.byteOffset, raw.length * 2);
  const labels = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) labels[i] = words[2 * i]!;
  return labels;
}

/**
 * Pastes each face's crop labels into a width × height label image: every pixel inside a crop
 * takes the crop's label at its centre (nearest), the face with the nearest crop centre winning.
 */
export function pasteLabels(width: number, height: number, faces: FaceLabels[], size = PARSING_SIZE): Uint8Array {
  const out = new Uint8Array(width * height);
  const best = new Float32Array(width * height).fill(Infinity);
  for (const f of faces) {
    const inv = invertAffine(f.toCrop);
    // The crop's bounding box in the image bounds the loop.
    const corners = ([[0, 0], [size, 0], [0, size], [size, size]] as Point[]).map((p) => applyAffine(inv, p));
    const x0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0]))));
    const x1 = Math.min(width, Math.ceil(Math.max(...corners.map((p) => p[0]))));
    const y0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1]))));
    const y1 = Math.min(height, Math.ceil(Math.max(...corners.map((p) => p[1]))));
    const [a, b, c, d, e, g] = f.toCrop;
    const centre = size / 2;
    for (let y = y0; y < y1; y++) {
      const py = y + 0.5;
      for (let x = x0; x < x1; x++) {
        const px = x + 0.5;
        const cx = a * px + c * py + e;
        const cy = b * px + d * py + g;
        if (cx < 0 || cy < 0 || cx >= size || cy >= size) continue;
        const dist = (cx - centre) ** 2 + (cy - centre) ** 2;
        const i = y * width + x;
        if (dist >= best[i]!) continue;
        best[i] = dist;
        out[i] = f.labels[Math.floor(cy) * size + Math.floor(cx)]!;
      }
    }
  }
  return out;
}

/** Every given face parsed and pasted into one label image of the photo's size. */
export async function parseFaces(inference: InferenceService, image: RgbImage, faces: Point[][]): Promise<Parsing> {
  await requireParser(inference);
  const labelled: FaceLabels[] = [];
  for (const lm of faces) labelled.push(await parseFace(inference, image, lm));
  return { width: image.width, height: image.height, labels: pasteLabels(image.width, image.height, labelled), classes: PARSING_CLASSES, faces: faces.length };
}
