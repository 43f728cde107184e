/**
 * `npm run models`: rebuilds every file in native-models/ from its recipe.
 * Each recipe is deterministic: rerunning it reproduces the committed bytes.
 */
export {};

import { faceApiRecipes } from './faceapi/index.js';
import { writeModel } from './manifest.js';
import { buildWarpModels } from './warp/tps-warp.js';
import { buildMeanFace } from './warp/mean-face.js';
import { buildStyleModels } from './style/recipe.js';

const recipes: Array<[string, () => Promise<unknown>]> = [
  ...faceApiRecipes.map(([name, build]) => [name, () => writeModel(build())] as [string, () => Promise<unknown>]),
  ['warp-tps', buildWarpModels],
  // Needs the face detector above; skips (keeping the committed numbers) without ../shared/data.
  ['mean-face', buildMeanFace],
  // Drawing styles, example-based graphs, and artwork embeddings (skipped without ../shared/data).
  ['style', buildStyleModels],
];

for (const [name, build] of recipes) {
  const t0 = performance.now();
  await build();
  console.log(`${name}: ${(performance.now() - t0).toFixed(0)} ms`);
}
