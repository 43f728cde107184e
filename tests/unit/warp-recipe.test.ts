/** The warp recipe rebuilds native-models/warp-tps.onnx byte for byte (DESIGN.md §3). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTpsWarp } from '../../build/recipes/warp/tps-warp.js';
import { WARP_MODEL } from '../../electron/services/warp/engine.js';
import { readManifest, sha256 } from '../../electron/services/inference/manifest.js';

test('the recipe reproduces the committed warp model', async () => {
  const entry = (await readManifest()).models.find((m) => m.name === WARP_MODEL);
  assert.ok(entry, `${WARP_MODEL} is in the manifest`);
  assert.equal(sha256(buildTpsWarp()), entry.sha256, 'rebuilt graph differs from native-models (run npm run models)');
});
