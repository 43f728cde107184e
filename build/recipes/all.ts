/**
 * `npm run models`: rebuilds every file in native-models/ from its recipe.
 * Each recipe is deterministic: rerunning it reproduces the committed bytes.
 * `npm run -s models -- <name>…` runs only the named recipes (e.g. `parsing` for the face parser,
 * which is too big to commit and so is built on every fresh clone; CI runs that one).
 */
export {};

import { faceApiRecipes } from './faceapi/index.js';
import { buildTinyBoxMap } from './faceapi/tiny-box-calibration.js';
import { writeModel } from './manifest.js';
import { buildWarpModels } from './warp/tps-warp.js';
import { buildMeanFace } from './warp/mean-face.js';
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
  ['warp-tps', buildWarpModels],
  // Needs the face detector above; skips (keeping the committed numbers) without ../shared/data.
  ['mean-face', buildMeanFace],
  // Drawing styles, example-based graphs, and artwork embeddings (skipped without ../shared/data).
  ['style', buildStyleModels],
  // APMM (build/train/README.md): data extraction skips without ../shared/data (the committed
  // numbers stay); training needs only those numbers, ~5 min + ~1.5 min on 2 CPU cores.
  ['apmm-landmark-data', buildAutotoonLandmarks],
  ['apmm-landmarks', trainLandmarks],
  ['apmm-style-data', buildStyleData],
  ['apmm-style', trainStyle],
  // tfjs graph models converted by build/onnx/tfjs-convert.ts (the parser is not committed).
  ['parsing', () => writeModel(buildParsing())],
  ['cartoon', () => writeModel(buildCartoon())],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !recipes.some(([name]) => name === w));
if (unknown.length) {
  console.error(`Unknown recipe ${unknown[0]}; the recipes are: ${recipes.map(([name]) => name).join(', ')}.`);
  process.exit(2);
}
for (const [name, build] of recipes.filter(([n]) => !wanted.length || wanted.includes(n))) {
  const t0 = performance.now();
  await build();
  console.log(`${name}: ${(performance.now() - t0).toFixed(0)} ms`);
}
