/**
 * The tfjs → ONNX converter (build/onnx/tfjs-convert.ts) against tfjs's own output, committed in
 * tests/fixtures/tfjs-reference.json (build/recipes/tfjs/reference.ts; tfjs-wasm takes ~4 s per
 * 512² parse here, too slow for a test). The graphs are converted in memory from the npm packages,
 * so this test needs no built model file.
 *  - BiSeNetV2 parser, six demo photos at 512²: softmax within 1e-4 at 64 pixels each, and the
 *    argmax label map equal to tfjs's everywhere.
 *  - White-box cartoon generator, two photos at 256²: 512 output values each within 1e-4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { convertParsing } from '../../build/recipes/tfjs/parsing.js';
import { convertCartoon } from '../../build/recipes/tfjs/cartoon.js';
import { CARTOON_SIDE, PARSE_SIDE, REFERENCE_FILE, referenceInput, runLength, type TfjsReference } from '../../build/recipes/tfjs/reference.js';

const ref = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as TfjsReference;

test('converted BiSeNetV2 matches tfjs: softmax within 1e-4, identical labels', async () => {
  const session = await ort.InferenceSession.create(convertParsing(true));
  for (const r of ref.parsing) {
    const out = await session.run({ image: new ort.Tensor('float32', await referenceInput(r.photo, PARSE_SIDE), [1, PARSE_SIDE, PARSE_SIDE, 3]) });
    const prob = out.prob!.data as Float32Array;
    let worst = 0;
    r.pixels.forEach((p, i) => {
      for (let c = 0; c < 19; c++) worst = Math.max(worst, Math.abs(prob[p * 19 + c]! - r.prob[i * 19 + c]!));
    });
    assert.ok(worst < 1e-4, `sample${r.photo}: softmax differs from tfjs by up to ${worst}`);
    assert.deepEqual(runLength(out.labels!.data as BigInt64Array), r.labelsRle, `sample${r.photo}: label map differs from tfjs`);
  }
});

test('converted White-box cartoon generator matches tfjs within 1e-4', async () => {
  const session = await ort.InferenceSession.create(convertCartoon());
  for (const r of ref.cartoon) {
    const out = await session.run({ image: new ort.Tensor('float32', await referenceInput(r.photo, CARTOON_SIDE), [1, CARTOON_SIDE, CARTOON_SIDE, 3]) });
    const values = out.cartoon!.data as Float32Array;
    const worst = Math.max(...r.positions.map((p, i) => Math.abs(values[p]! - r.values[i]!)));
    assert.ok(worst < 1e-4, `sample${r.photo}: cartoon differs from tfjs by up to ${worst}`);
  }
});
