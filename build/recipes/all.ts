/**
 * `npm run models`: rebuilds every file in native-models/ from its recipe.
 * Each recipe is deterministic: rerunning it reproduces the committed bytes.
 */
export {};

import { faceApiRecipes } from './faceapi/index.js';
import { buildTinyBoxMap } from './faceapi/tiny-box-calibration.js';
import { writeModel } from './manifest.js';
import { buildWarpModels } from './warp/tps-warp.js';
import { buildMeanFace } from './warp/mean-face.js';
import { buildShapeModel } from './warp/shape-model.js';
import { buildHeadSize } from './warp/head-size.js';
import { buildStyleModels } from './style/recipe.js';
import { buildAutotoonLandmarks } from '../train/autotoon-landmarks.js';
import { trainLandmarks } from '../train/train-landmarks.js';
import { buildStyleData } from '../train/style-data.js';
import { trainStyle } from '../train/train-style.js';

const recipes: Array<[string, () => Promise<unknown>]> = [
  ...faceApiRecipes.map(([name, build]) => [name, () => writeModel(build())] as [string, () => Promise<unknown>]),
  // The 'auto' detector's tiny → SSD box mapping; skips (keeping the committed numbers) without ../shared/data.
  ['tiny-box-map', buildTinyBoxMap],
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
];

for (const [name, build] of recipes) {
  const t0 = performance.now();
  await build();
  console.log(`${name}: ${(performance.now() - t0).toFixed(0)} ms`);
}
