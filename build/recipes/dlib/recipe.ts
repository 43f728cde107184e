/**
 * dlib's 68-point shape predictor → native-models/dlib-landmarks68.bin (format: faces/dlib/model.ts).
 * Source: shape_predictor_68_face_landmarks.dat from Debian's libdlib-data (or the file named by
 * DLIB_SHAPE_PREDICTOR), checked against its sha256 so the output bytes are reproducible. The
 * output (~66 MB, every number exact) is not committed: `npm run models` (or
 * `npm run -s models -- dlib`) rebuilds it, and the manifest pins its sha256.
 */
import { promises as fs } from 'node:fs';
import { sha256 } from '../../../electron/services/inference/manifest.js';
import { encodeShapeModel } from '../../../electron/services/faces/dlib/model.js';
import type { FaceDetection } from '../../../electron/services/faces/detect.js';
import { DLIB_LANDMARKS_MODEL, DLIB_LANDMARKS_FILE } from '../../../electron/services/faces/dlib/load.js';
import { writeModel } from '../manifest.js';
import { isMain } from '../../train/is-main.js';
import { readDlibShapePredictor } from './read-dat.js';

export const DLIB_DAT = process.env.DLIB_SHAPE_PREDICTOR ?? '/usr/share/dlib/shape_predictor_68_face_landmarks.dat';
const DAT_SHA256 = 'fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f';

export async function buildDlibLandmarks(): Promise<void> {
  let dat: Uint8Array;
  try {
    dat = await fs.readFile(DLIB_DAT);
  } catch {
    throw new Error(`${DLIB_DAT} is missing: install Debian's libdlib-data (apt-get install libdlib-data) or point DLIB_SHAPE_PREDICTOR at shape_predictor_68_face_landmarks.dat from dlib.net.`);
  }
  if (sha256(dat) !== DAT_SHA256) throw new Error(`${DLIB_DAT} is not the shape_predictor_68_face_landmarks.dat this recipe was made for (sha256 ${DAT_SHA256}).`);
  const model = readDlibShapePredictor(dat);
  await writeModel({
    name: DLIB_LANDMARKS_MODEL,
    file: DLIB_LANDMARKS_FILE,
    description: `dlib 68-point shape predictor (ensemble of regression trees: ${model.levels} cascade levels × ${model.trees} trees of depth ${model.depth}, ${model.features} feature pixels per level), float32 exact; run by faces/dlib/predict.ts, not ONNX Runtime`,
    inputs: [
      { name: 'image', type: 'uint8', shape: ['H', 'W', 3] },
      { name: 'rect', type: 'int32', shape: [4] },
    ],
    outputs: [{ name: 'points', type: 'float32', shape: [model.parts, 2] }],
    licence: 'CC0 file; trained on iBUG 300-W (non-commercial)',
    commercialUse: false,
    provenance: {
      recipe: 'build/recipes/dlib/recipe.ts (reader build/recipes/dlib/read-dat.ts)',
      source: `shape_predictor_68_face_landmarks.dat (Davis King, dlib.net/files; Debian libdlib-data 19.24+dfsg-1), sha256 ${DAT_SHA256}`,
      version: 'dlib 19.24',
      licence: 'model file CC0 (dlib); trained on the iBUG 300-W data set, whose licence excludes commercial use',
      notes: 'not committed (66 MB): built by `npm run models` / `npm run -s models -- dlib`; equivalence with dlib C++ pinned by tests/unit/faces-dlib.test.ts against build/reference/dlib-landmarks.demo.json',
    },
    data: encodeShapeModel(model),
  });
}

/**
 * For recipes whose committed numbers are made with the precise landmarks: the app silently falls
 * back to the fast ones when the model is not built, a recipe must not.
 */
export function requirePrecise(d: FaceDetection): FaceDetection {
  if (d.landmarks !== 'precise') throw new Error("The precise landmark model is not built; run 'npm run -s models -- dlib' first.");
  return d;
}

if (isMain(import.meta.url)) await buildDlibLandmarks();
