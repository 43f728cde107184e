/** The face-api conversions (`npm run models` runs them through build/recipes/all.ts). */
import type { ModelSpec } from '../manifest.js';
import { buildLandmarks68 } from './landmarks68.js';
import { buildRecognition } from './recognition.js';
import { buildSsd } from './ssd.js';
import { buildTinyDetector } from './tiny-detector.js';

export const faceApiRecipes: ReadonlyArray<readonly [string, () => ModelSpec]> = [
  ['face-detector-ssd', buildSsd],
  ['face-detector-tiny', buildTinyDetector],
  ['face-landmarks68', buildLandmarks68],
  ['face-recognition', buildRecognition],
];
