import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { fromTensor, toTensor } from '../../electron/services/style/tensor.js';

test('fromTensor: planar floats → interleaved bytes, clamped and rounded to the nearest level', () => {
  // 1×2 image; channel planes R, G, B.
  const values = [-0.5, 0, 0.2 / 255, 0.8 / 255, 1, 1.7].map(Math.fround);
  const img = fromTensor(new ort.Tensor('float32', Float32Array.from(values), [1, 3, 1, 2]));
  assert.equal(img.width, 2);
  assert.equal(img.height, 1);
  assert.ok(img.data instanceof Uint8Array);
  // pixel 0 = (R −0.5, G 0.2/255, B 1), pixel 1 = (R 0, G 0.8/255, B 1.7)
  assert.deepEqual([...img.data], [0, 0, 255, 0, 1, 255]);
  const nan = fromTensor(new ort.Tensor('float32', Float32Array.of(NaN, 0.5, 0.25), [1, 3, 1, 1]));
  assert.deepEqual([...nan.data], [0, 128, 64]);
});

test('toTensor → fromTensor reproduces every 8-bit value', () => {
  const data = Uint8Array.from({ length: 3 * 256 }, (_, i) => (i * 7) % 256);
  const img = { width: 16, height: 16, data };
  assert.deepEqual([...fromTensor(toTensor(img)).data], [...data]);
});
