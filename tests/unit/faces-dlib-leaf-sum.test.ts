/**
 * The WebAssembly leaf summer (faces/dlib/leaf-sum.ts) against the plain float32 loop it replaced:
 * bit-identical sums, leaves added in list order, for a shape whose length is a multiple of four
 * (dlib's 68 points) and one that is not (the scalar tail), on a model built in memory (copied
 * into a heap) and one decoded from a file (already in a heap).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leafSum } from '../../electron/services/faces/dlib/leaf-sum.js';
import { decodeShapeModel, encodeShapeModel, type ShapeModel } from '../../electron/services/faces/dlib/model.js';
import { gaussianRng, uniformRng } from '../../common/random.js';

function model(parts: number, trees: number, seed: number): ShapeModel {
  const g = gaussianRng(seed);
  const depth = 2;
  const leaves = Float32Array.from({ length: trees * 4 * 2 * parts }, () => g() * 0.01);
  return {
    parts, levels: 1, trees, depth, features: 2,
    meanShape: Float32Array.from({ length: 2 * parts }, () => 0.3 + 0.4 * Math.abs(g())),
    anchors: new Uint16Array(2), deltas: new Float32Array(4),
    splitFeatures: new Uint16Array(trees * 3 * 2), thresholds: new Float32Array(trees * 3),
    leaves,
  };
}

for (const [parts, encoded] of [[68, false], [68, true], [3, false], [5, true]] as const) {
  test(`leaf summer: ${2 * parts} floats a leaf, ${encoded ? 'decoded' : 'in-memory'} model, bit-identical to float32 additions in list order`, () => {
    const built = model(parts, 500, parts);
    const m = encoded ? decodeShapeModel(encodeShapeModel(built)) : built;
    const stride = 2 * parts;
    const u = uniformRng(7);
    const picks = Int32Array.from({ length: 500 }, () => Math.floor(u() * 500 * 4));
    const expected = Float32Array.from(built.meanShape);
    for (const p of picks) for (let k = 0; k < stride; k++) expected[k] = expected[k]! + built.leaves[p * stride + k]!;
    const sum = leafSum(m);
    sum.shape.set(built.meanShape);
    sum.leaves.set(picks);
    sum.add(picks.length);
    assert.deepEqual(Array.from(sum.shape), Array.from(expected));
  });
}
