/**
 * The precise landmark model is built by `npm run models`, not shipped in git: where it is missing
 * the app says so in one sentence and uses the fast landmarks instead of failing.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MODELS_DIR } from '../../build/recipes/manifest.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces, PRECISE_MODEL_MISSING, PRECISE_MODEL_NOT_CLEARED } from '../../electron/services/faces/detect.js';
import { DLIB_LANDMARKS_FILE } from '../../electron/services/faces/dlib/load.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'models-no-dlib-'));
for (const f of readdirSync(MODELS_DIR)) if (f !== DLIB_LANDMARKS_FILE) symlinkSync(path.join(MODELS_DIR, f), path.join(dir, f));
const bare = new InferenceService({ modelsDir: dir });
const full = new InferenceService();
const commercial = new InferenceService({ commercialOnly: true });
after(async () => {
  await Promise.all([bare.dispose(), full.dispose(), commercial.dispose()]);
  rmSync(dir, { recursive: true, force: true });
});

test('without the dlib model: one sentence, and the fast landmarks (the same points as asking for them)', async () => {
  const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample2.jpg'));
  const d = await detectFaces(bare, image);
  assert.equal(d.landmarks, 'fast');
  assert.deepEqual(d.warnings, [PRECISE_MODEL_MISSING]);
  assert.ok(PRECISE_MODEL_MISSING.endsWith('.') && !/[.;:] [A-Z]/.test(PRECISE_MODEL_MISSING) && PRECISE_MODEL_MISSING.includes("'npm run models'"), 'one sentence that says how to fix it');
  const fast = await detectFaces(full, image, { landmarks: 'fast' });
  assert.deepEqual(d.faces.map((f) => f.landmarks), fast.faces.map((f) => f.landmarks));
  const precise = await detectFaces(full, image);
  assert.equal(precise.landmarks, 'precise');
  assert.deepEqual(precise.warnings, []);
  assert.notDeepEqual(precise.faces[0]!.landmarks, fast.faces[0]!.landmarks);
});

test('"Only models cleared for commercial use": dlib\'s iBUG-trained model stands aside for the fast landmarks, in one sentence', async () => {
  const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg'));
  const d = await detectFaces(commercial, image);
  assert.equal(d.landmarks, 'fast');
  assert.deepEqual(d.warnings, [PRECISE_MODEL_NOT_CLEARED]);
  const fast = await detectFaces(full, image, { landmarks: 'fast' });
  assert.deepEqual(d.faces.map((f) => f.landmarks), fast.faces.map((f) => f.landmarks));
});
