import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellSeed, gaussianRng, noise, uniformRng } from '../../common/random.js';
import { slerp } from '../../electron/services/apmm/generator.js';
import { distance, meanNearestDistance, meanPairwiseDistance, moments } from '../../electron/services/apmm/stats.js';
import { cellSeeds, validateRequest } from '../../electron/services/apmm/variations.js';
import { eyesApart, insideImage, rejection } from '../../electron/services/apmm/plausible.js';
import { firstPlausible, trySeed } from '../../electron/services/apmm/landmarks.js';
import { sampleStyle } from '../../electron/services/apmm/style.js';
import { drawingStyle } from '../../common/style/catalog.js';
import { MEAN_FACE } from '../../common/face68/mean-face.js';
import { parseGrid } from '../../electron/hosts/cli/commands/variations.js';
import { UsageError } from '../../electron/hosts/cli/command.js';
import type { Point } from '../../common/geometry.js';

test('mulberry32 is reproducible and uniform-ish', () => {
  const a = uniformRng(42);
  const b = uniformRng(42);
  const xs = Array.from({ length: 10000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  assert.notEqual(uniformRng(43)(), uniformRng(42)());
});

test('gaussian noise has unit moments and scales with the temperature', () => {
  const g = gaussianRng(7);
  const xs = Array.from({ length: 20000 }, () => g());
  const { mean, std } = moments(xs.map((x) => [x]));
  assert.ok(Math.abs(mean[0]!) < 0.03 && Math.abs(std[0]! - 1) < 0.03, `${mean[0]} ${std[0]}`);
  const z1 = noise(5, 16, 1);
  const z2 = noise(5, 16, 0.5);
  z1.forEach((v, i) => assert.ok(Math.abs(z2[i]! - v / 2) < 1e-6));
  assert.ok(noise(5, 16, 0).every((v) => v === 0));
});

test('cell seeds differ between cells and between neighbouring sheet seeds', () => {
  const seen = new Set<number>();
  for (let s = 0; s < 20; s++) for (let k = 0; k < 72; k++) seen.add(cellSeed(s, k));
  assert.equal(seen.size, 20 * 72);
  assert.equal(cellSeed(3, 4), cellSeed(3, 4));
  assert.notEqual(trySeed(9, 1), trySeed(9, 2));
  assert.equal(trySeed(9, 0), 9);
});

test('locks: global and per cell, per-cell wins', () => {
  const base = { rows: 2, cols: 2, seed: 1, temperature: 1, cellSize: 128 };
  const free = cellSeeds(base);
  assert.equal(new Set(free.map((s) => s.geometrySeed)).size, 4);
  const rerolled = cellSeeds({ ...base, seed: 2, locks: [{ geometrySeed: free[0]!.geometrySeed }, null, { styleSeed: 77 }] });
  assert.equal(rerolled[0]!.geometrySeed, free[0]!.geometrySeed);
  assert.notEqual(rerolled[0]!.styleSeed, free[0]!.styleSeed);
  assert.equal(rerolled[2]!.styleSeed, 77);
  const locked = cellSeeds({ ...base, styleSeed: 5, locks: [{ styleSeed: 6 }] });
  assert.deepEqual(locked.map((s) => s.styleSeed), [6, 5, 5, 5]);
});

test('request validation: grid 2–6, cell size, seed, temperature', () => {
  const ok = { rows: 2, cols: 6, seed: 0, temperature: 1, cellSize: 64 };
  validateRequest(ok);
  for (const bad of [{ rows: 1 }, { cols: 7 }, { cellSize: 63 }, { seed: -1 }, { seed: 1.5 }, { temperature: Number.NaN }, { temperature: 4 }]) {
    assert.throws(() => validateRequest({ ...ok, ...bad }), /grid|cell size|seed|temperature/);
  }
  assert.deepEqual(parseGrid('4x3'), { rows: 4, cols: 3 });
  for (const bad of ['1x4', '7x2', '4', 'axb', true, undefined] as Array<string | true | undefined>) assert.throws(() => parseGrid(bad), UsageError);
});

test('slerp: end points exact, norm kept midway between equal-norm codes', () => {
  const a = Float32Array.from([3, 0, 0]);
  const b = Float32Array.from([0, 3, 0]);
  assert.deepEqual(Array.from(slerp(a, b, 0)), [3, 0, 0]);
  const m = slerp(a, b, 0.5);
  assert.ok(Math.abs(Math.hypot(...m) - 3) < 1e-5);
  assert.ok(Math.abs(m[0]! - m[1]!) < 1e-6);
  assert.ok(Math.abs(slerp(a, b, 1)[1]! - 3) < 1e-5);
});

test('stats: pairwise and nearest distances', () => {
  const pts = [[0, 0], [3, 4], [6, 8]];
  assert.equal(distance(pts[0]!, pts[1]!), 5);
  assert.equal(meanPairwiseDistance(pts), (5 + 10 + 5) / 3);
  assert.equal(meanPairwiseDistance([[1, 1]]), 0);
  assert.equal(meanNearestDistance([[0, 1], [6, 9]], pts), 1);
});

// A face in a 512² image: the mean face shifted by (128, 128) — canonical frame = identity + shift.
const face: Point[] = MEAN_FACE.map((p): Point => [p[0] + 128, p[1] + 128]);

test('plausibility: inside, eyes apart, folds', () => {
  assert.equal(rejection(512, 512, face, face), null);
  assert.ok(insideImage(512, 512, face));
  const outside = face.map((p, i): Point => (i === 8 ? [p[0], 520] : p));
  assert.equal(rejection(512, 512, face, outside), 'outside');
  // Swap the eyes: every left-eye point moves to the right eye's place.
  const crossed = face.map((p, i): Point => (i >= 36 && i < 42 ? [p[0] + 90, p[1]] : p));
  assert.equal(eyesApart(face, crossed), false);
  assert.equal(rejection(512, 512, face, crossed), 'eyes-crossed');
  // Nose tip dragged through the mouth and chin: the sheet turns inside out.
  const folded = face.map((p, i): Point => (i === 33 ? [p[0], p[1] + 70] : i === 51 ? [p[0], p[1] - 40] : p));
  assert.equal(rejection(512, 512, face, folded), 'fold');
});

test('firstPlausible picks the first passing draw and falls back to the plain face', () => {
  const zero = new Float32Array(136);
  const far = new Float32Array(136).fill(400);
  const codes = [Float32Array.of(1), Float32Array.of(2)];
  const s = firstPlausible(512, 512, face, [far, zero], codes);
  assert.deepEqual(s.rejected, ['outside']);
  assert.equal(s.fallback, false);
  assert.equal(s.code, codes[1]);
  s.target.forEach((p, i) => assert.ok(Math.hypot(p[0] - face[i]![0], p[1] - face[i]![1]) < 1e-9));
  const f = firstPlausible(512, 512, face, [far, far], codes);
  assert.equal(f.fallback, true);
  assert.equal(f.code, null);
  assert.deepEqual(f.target, face);
});

test('sampled styles are reproducible, valid and varied', () => {
  const a = sampleStyle(11);
  assert.deepEqual(sampleStyle(11), a);
  const spec = drawingStyle(a.style.id)!;
  assert.equal(a.params.length, spec.params.length);
  a.params.forEach((v, i) => assert.ok(v >= spec.params[i]!.min && v <= spec.params[i]!.max));
  const ids = new Set(Array.from({ length: 64 }, (_, s) => sampleStyle(s).style.id));
  assert.ok(ids.size >= 5, `only ${ids.size} styles in 64 seeds`);
});
