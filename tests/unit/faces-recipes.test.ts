import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { faceApiRecipes } from '../../build/recipes/faceapi/index.js';
import { permute, tfPads } from '../../build/recipes/faceapi/layers.js';
import { readTfjsWeights } from '../../build/recipes/faceapi/weights.js';
import { MODELS_DIR } from '../../build/recipes/manifest.js';
import { readManifest, sha256 } from '../../electron/services/inference/manifest.js';

test('TF same padding: stride 2 on an even size pads only after, odd sizes pad both sides', () => {
  assert.deepEqual(tfPads(512, 3, 2, 'same'), { out: 256, before: 0, after: 1 });
  assert.deepEqual(tfPads(7, 3, 2, 'same'), { out: 4, before: 1, after: 1 });
  assert.deepEqual(tfPads(56, 3, 1, 'same'), { out: 56, before: 1, after: 1 });
  assert.deepEqual(tfPads(16, 1, 1, 'same'), { out: 16, before: 0, after: 0 });
  assert.deepEqual(tfPads(150, 7, 2, 'valid'), { out: 72, before: 0, after: 0 });
  assert.deepEqual(tfPads(35, 3, 2, 'valid'), { out: 17, before: 0, after: 0 });
  // the tiny detector's pools: 2×2 stride 2 over 207 and 2×2 stride 1 over 13 pad one cell after
  assert.deepEqual(tfPads(207, 2, 2, 'same'), { out: 104, before: 0, after: 1 });
  assert.deepEqual(tfPads(414, 2, 2, 'same'), { out: 207, before: 0, after: 0 });
  assert.deepEqual(tfPads(13, 2, 1, 'same'), { out: 13, before: 0, after: 1 });
});

test('permute moves tfjs [kh,kw,ci,co] filters to ONNX [co,ci,kh,kw]', () => {
  // shape [1,2,2,3]: value = 100·kw + 10·ci + co
  const src = new Uint8Array(12);
  for (let kw = 0; kw < 2; kw++) for (let ci = 0; ci < 2; ci++) for (let co = 0; co < 3; co++) src[kw * 6 + ci * 3 + co] = 100 * kw + 10 * ci + co;
  const out = permute(src, [1, 2, 2, 3], [3, 2, 0, 1]);
  // out shape [3,2,1,2]: index co·4 + ci·2 + kw
  for (let co = 0; co < 3; co++) for (let ci = 0; ci < 2; ci++) for (let kw = 0; kw < 2; kw++) {
    assert.equal(out[co * 4 + ci * 2 + kw], 100 * kw + 10 * ci + co);
  }
});

test('tfjs weights are read completely, quantised tensors stay uint8', () => {
  const w = readTfjsWeights('face_landmark_68_model');
  const fc = w.get('fc/weights')!;
  assert.deepEqual(fc.shape, [256, 136]);
  assert.ok(fc.data instanceof Uint8Array && fc.quant);
  assert.equal(fc.data.length, 256 * 136);
});

for (const [name, build] of faceApiRecipes) {
  test(`recipe ${name} rebuilds the committed bytes`, async () => {
    const spec = build();
    const entry = (await readManifest(MODELS_DIR)).models.find((m) => m.name === name);
    assert.ok(entry, `${name} is in the manifest`);
    assert.equal(entry.file, spec.file);
    assert.equal(sha256(spec.data), entry.sha256);
    assert.equal(sha256(readFileSync(path.join(MODELS_DIR, entry.file))), entry.sha256);
    assert.equal(entry.provenance.licence, 'MIT');
    assert.match(entry.provenance.source, /@vladmandic\/face-api/);
  });
}

test('quantised weights keep the ONNX files near the tfjs sizes', () => {
  const sizes = Object.fromEntries(faceApiRecipes.map(([n, b]) => [n, b().data.byteLength]));
  assert.ok(sizes['face-landmarks68']! < 400_000, `landmarks ${sizes['face-landmarks68']}`);
  assert.ok(sizes['face-detector-ssd']! < 6_000_000, `ssd ${sizes['face-detector-ssd']}`);
  assert.ok(sizes['face-recognition']! < 7_000_000, `recognition ${sizes['face-recognition']}`);
  assert.ok(sizes['face-detector-tiny']! < 250_000, `tiny detector ${sizes['face-detector-tiny']}`);
});
