/** dlib's HOG detector model, read once per models folder and verified against the manifest. */
import { loadVerified } from '../../inference/manifest.js';
import { decodeHogModel, type HogModel } from './model.js';

export const HOG_MODEL = 'dlib-hog-frontal';
export const HOG_FILE = 'dlib-hog-frontal.bin';

const cache = new Map<string, Promise<HogModel>>();

export function loadHogModel(modelsDir: string): Promise<HogModel> {
  let p = cache.get(modelsDir);
  if (!p) {
    p = loadVerified(HOG_MODEL, modelsDir).then(({ bytes }) => decodeHogModel(bytes));
    cache.set(modelsDir, p);
    p.catch(() => cache.delete(modelsDir));
  }
  return p;
}
