/**
 * The dlib shape model, read once per models folder and verified against the manifest. It is
 * built by `npm run models` and not shipped in git, so a missing file is an expected state that
 * callers turn into a fallback, not a crash (isModelMissing).
 */
import { decodedModel } from '../../inference/decoded.js';
import { ServiceError } from '../../../../common/errors.js';
import { decodeShapeModel, type ShapeModel } from './model.js';

export const DLIB_LANDMARKS_MODEL = 'dlib-landmarks68';
export const DLIB_LANDMARKS_FILE = 'dlib-landmarks68.bin';

export const loadShapeModel: (modelsDir: string) => Promise<ShapeModel> = decodedModel(DLIB_LANDMARKS_MODEL, decodeShapeModel);

/** True for the errors that mean "the model isn't built here" (file or manifest entry absent). */
export function isModelMissing(e: unknown): boolean {
  return e instanceof ServiceError && e.code === 'not-found';
}
