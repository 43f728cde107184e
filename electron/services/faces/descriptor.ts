/**
 * The 128-d identity descriptor (face-api's face recognition net), used by the identity meter:
 * cosine similarity between the sitter's descriptor and the caricature's. The crop is face-api's
 * own (src/globalApi/ComputeFaceDescriptorsTasks.ts): with landmarks, the "dlib alignment" square
 * around the eyes and mouth (FaceLandmarks.alignDlib); with only a box, the box itself. The crop
 * is padded to a centred square and resized to 150×150 — one small net run, ~10 ms.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { ServiceError } from '../../../common/errors.js';
import { clipAndFloor } from './landmarks.js';
import { PARTS, range } from '../../../common/face68/regions.js';
import { centroid } from '../../../common/geometry.js';
import { centredSquare, resizeSquare } from './resample.js';
import type { Box, Point } from '../../../common/geometry.js';

export const RECOGNITION_MODEL = 'face-recognition';
export const RECOGNITION_INPUT = 150;

/**
 * FaceLandmarks.alignDlib: a square of side floor(mean eye–mouth distance / 0.45) placed so the
 * mean of the two eye centres and the mouth centre sits at (0.5, 0.43) of it, origin floored and
 * clamped at 0. (face-api also caps the side at imageWidth + x, which never binds.)
 */
export function dlibAlignedBox(landmarks: Point[]): Box {
  const left = centroid(landmarks, range(...PARTS.leftEye));
  const right = centroid(landmarks, range(...PARTS.rightEye));
  const mouth = centroid(landmarks, range(...PARTS.mouth));
  const dist = (p: Point) => Math.hypot(mouth[0] - p[0], mouth[1] - p[1]);
  const size = Math.floor((dist(left) + dist(right)) / 2 / 0.45);
  const ref: Point = [(left[0] + right[0] + mouth[0]) / 3, (left[1] + right[1] + mouth[1]) / 3];
  const x = Math.floor(Math.max(0, ref[0] - 0.5 * size));
  const y = Math.floor(Math.max(0, ref[1] - 0.43 * size));
  return [x, y, size, size];
}

/** Descriptor of one face, from its 68 landmarks (preferred, as face-api does) or its box. */
export async function faceDescriptor(inference: InferenceService, image: RgbImage, face: Point[] | Box): Promise<Float32Array> {
  const isLandmarks = face.length === 68 && Array.isArray(face[0]);
  const box = isLandmarks ? dlibAlignedBox(face as Point[]) : (face as Box);
  const [x, y, w, h] = clipAndFloor(box, image.width, image.height);
  if (!(w > 0 && h > 0)) throw new ServiceError('no-face', 'The face lies outside the image, so it cannot be recognised.');
  const input = new Float32Array(RECOGNITION_INPUT * RECOGNITION_INPUT * 3);
  resizeSquare(image, centredSquare(x, y, w, h), RECOGNITION_INPUT, input);
  const out = await inference.run(RECOGNITION_MODEL, {
    image: new ort.Tensor('float32', input, [1, RECOGNITION_INPUT, RECOGNITION_INPUT, 3]),
  });
  return Float32Array.from(out.descriptor!.data as Float32Array);
}

/** Cosine similarity of two descriptors (1 = same direction). */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
