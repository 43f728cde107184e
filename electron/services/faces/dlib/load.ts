/**
 * The dlib shape model, read once per models folder and verified against the manifest. It is
 * built by `npm run models` and not shipped in git, so a missing file is an expected state that
 * callers turn into a fallback, not a crash (isModelMissing).
 */
import { loadVerified } from '../../inference/manifest.js';
import { ServiceError } from '../../../../common/errors.js';
import { decodeShapeModel, type ShapeModel } from './model.js';

export const DLIB_LANDMARKS_MODEL = 'dlib-landmarks68';
export const DLIB_LANDMARKS_FILE = 'dlib-landmarks68.bin';

const cache = new Map<string, Promise<ShapeModel>>();

export function loadShapeModel(modelsDir: string): Promise<ShapeModel> {
  let p = cache.get(modelsDir);
  if (!p) {
    p = loadVerified(DLIB_LANDMARKS_MODEL, modelsDir).then(({ bytes }) => decodeShapeModel(bytes));
    cache.set(modelsDir, p);
    p.catch(() => cache.delete(modelsDir));
  }
  return p;
}

/** True for the errors that mean "the model isn't built here" (file or manifest entry absent). */
export function isModelMissing(e: unknown): boolean {
  return e instanceof ServiceError && e.code === 'not-found';
}
