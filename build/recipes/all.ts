/**
 * `npm run models`: rebuilds every file in native-models/ from its recipe.
 * Each recipe is deterministic: rerunning it reproduces the committed bytes.
 * `npm run -s models -- dlib warp-tps`: only the recipes named (dlib and parsing are too big to commit,
 * so they are built on every fresh clone; CI runs them).
 */
export {};

import { faceApiRecipes } from './faceapi/index.js';
import { buildTinyBoxMap } from './faceapi/tiny-box-calibration.js';
import { writeModel } from './manifest.js';
import { buildDlibLandmarks } from './dlib/recipe.js';
import { buildDlibBoxMap } from './dlib/box-fit.js';
import { buildHogDetector } from './hog/recipe.js';
import { buildWarpModels } from './warp/tps-warp.js';
import { buildMeanFace } from './warp/mean-face.js';
import { buildShapeModel } from './warp/shape-model.js';
import { buildHeadSize } from './warp/head-size.js';
import { buildStyleModels } from './style/recipe.js';
import { buildAutotoonLandmarks } from '../train/autotoon-landmarks.js';
import { trainLandmarks } from '../train/train-landmarks.js';
import { buildStyleData } from '../train/style-data.js';
import { trainStyle } from '../train/train-style.js';
import { buildParsing } from './tfjs/parsing.js';
import { buildCartoon } from './tfjs/cartoon.js';

const recipes: Array<[string, () => Promise<unknown>]> = [
  ...faceApiRecipes.map(([name, build]) => [name, () => writeModel(build())] as [string, () => Promise<unknown>]),
  // The 'auto' detector's tiny → SSD box mapping; skips (keeping the committed numbers) without ../shared/data.
  ['tiny-box-map', buildTinyBoxMap],
  // Not committed (66 MB, built here from Debian's libdlib-data); needed by the precise landmarks below.
  ['dlib', buildDlibLandmarks],
  // Where the precise landmarks put dlib's predictor; skips (keeping the committed numbers) without
  // ../shared/data or the dlib C++ reference build (build/reference/dlib-landmarks.cpp).
  ['dlib-box-map', buildDlibBoxMap],
  // dlib's HOG face detector (~25 KB, committed), dumped from Debian's libdlib-dev header with g++.
  ['hog', buildHogDetector],
  ['warp-tps', buildWarpModels],
  // Needs the face detector above; skips (keeping the committed numbers) without ../shared/data.
  ['mean-face', buildMeanFace],
  // The point-distribution model exaggeration keeps pose out of (committed AutoToon numbers + demo photos).
  ['shape-model', buildShapeModel],
  // The AutoToon artists' head sizes for the variation grid (skipped without ../shared/data).
  ['head-size', buildHeadSize],
  // Drawing styles, example-based graphs, and artwork embeddings (skipped without ../shared/data).
  ['style', buildStyleModels],
  // APMM (build/train/README.md): data extraction skips without ../shared/data (the committed
  // numbers stay); training needs only those numbers, ~5 min + ~1.5 min on 2 CPU cores.
  ['apmm-landmark-data', buildAutotoonLandmarks],
  ['apmm-landmarks', trainLandmarks],
  ['apmm-style-data', buildStyleData],
  ['apmm-style', trainStyle],
  // tfjs graph models converted by build/onnx/tfjs-convert.ts (neither is committed).
  ['parsing', () => writeModel(buildParsing())],
  ['cartoon', () => writeModel(buildCartoon())],
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !recipes.some(([name]) => name === n));
if (unknown.length > 0) {
  console.error(`Unknown recipe ${unknown.join(', ')}; the recipes are: ${recipes.map(([n]) => n).join(', ')}.`);
  process.exit(2);
}
for (const [name, build] of recipes) {
  if (only.length > 0 && !only.includes(name)) continue;
  const t0 = performance.now();
  await build();
  console.log(`${name}: ${(performance.now() - t0).toFixed(0)} ms`);
}
