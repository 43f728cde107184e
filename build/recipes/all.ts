/**
 * `npm run models`: rebuilds every file in native-models/ from its recipe.
 * Each recipe is deterministic: rerunning it reproduces the committed bytes.
 */
export {};

import { faceApiRecipes } from './faceapi/index.js';
import { writeModel } from './manifest.js';

const recipes: Array<[string, () => Promise<unknown>]> = [
  ...faceApiRecipes.map(([name, build]) => [name, () => writeModel(build())] as [string, () => Promise<unknown>]),
];

for (const [name, build] of recipes) {
  const t0 = performance.now();
  await build();
  console.log(`${name}: ${(performance.now() - t0).toFixed(0)} ms`);
}
