/** dlib's HOG detector model, read once per models folder and verified against the manifest. */
import { decodedModel } from '../../inference/decoded.js';
import { decodeHogModel, type HogModel } from './model.js';

export const HOG_MODEL = 'dlib-hog-frontal';
export const HOG_FILE = 'dlib-hog-frontal.bin';

export const loadHogModel: (modelsDir: string) => Promise<HogModel> = decodedModel(HOG_MODEL, decodeHogModel);
