import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyAffine,
  canonicalTransform,
  CANONICAL_LEFT_EYE,
  CANONICAL_RIGHT_EYE,
  invertAffine,
  rollDegrees,
  similarityFromPairs,
  type Affine,
} from '../../common/face68/align.js';
import type { Point } from '../../common/geometry.js';

const close = (a: Point, b: Point, eps = 1e-9) => assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1]) < eps, `${a} vs ${b}`);

/** 68 points whose eyes (36–41, 42–47) are centred on the given points. */
function faceWithEyes(left: Point, right: Point): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, (_, i) => [i, 2 * i]);
  const ring = [[-3, 0], [-1, -1], [1, -1], [3, 0], [1, 1], [-1, 1]] as const;
  ring.forEach(([dx, dy], k) => {
    pts[36 + k] = [left[0] + dx, left[1] + dy];
    pts[42 + k] = [right[0] + dx, right[1] + dy];
  });
  return pts;
}

test('similarityFromPairs maps both point pairs exactly', () => {
  const m = similarityFromPairs([10, 20], [50, 40], [0, 0], [100, 0]);
  close(applyAffine(m, [10, 20]), [0, 0]);
  close(applyAffine(m, [50, 40]), [100, 0]);
  // similarity: a = d, c = −b
  assert.ok(Math.abs(m[0] - m[3]) < 1e-12 && Math.abs(m[2] + m[1]) < 1e-12);
});

test('a pure translation and a pure 90° rotation come out as such', () => {
  assert.deepEqual(similarityFromPairs([0, 0], [1, 0], [5, 7], [6, 7]), [1, 0, -0, 1, 5, 7]);
  const rot: Affine = similarityFromPairs([0, 0], [1, 0], [0, 0], [0, 1]);
  close(applyAffine(rot, [2, 0]), [0, 2]);
  close(applyAffine(rot, [0, 3]), [-3, 0]);
});

test('coincident source points are refused', () => {
  assert.throws(() => similarityFromPairs([1, 1], [1, 1], [0, 0], [1, 0]), RangeError);
});

test('invertAffine undoes the transform', () => {
  const m: Affine = [1.5, -0.4, 0.4, 1.5, 12, -30];
  const inv = invertAffine(m);
  for (const p of [[0, 0], [100, 50], [-7, 3.5]] as Point[]) close(applyAffine(inv, applyAffine(m, p)), p, 1e-9);
  assert.throws(() => invertAffine([1, 2, 2, 4, 0, 0]), RangeError);
});

test('canonicalTransform puts the eye centres at the canonical eyes, and its inverse brings them back', () => {
  const left: Point = [300, 420];
  const right: Point = [380, 400];
  const lm = faceWithEyes(left, right);
  const m = canonicalTransform(lm);
  close(applyAffine(m, left), CANONICAL_LEFT_EYE, 1e-9);
  close(applyAffine(m, right), CANONICAL_RIGHT_EYE, 1e-9);
  close(applyAffine(invertAffine(m), CANONICAL_RIGHT_EYE), right, 1e-9);
});

test('rollDegrees: level eyes 0°, right eye lower is clockwise positive', () => {
  assert.equal(rollDegrees(faceWithEyes([0, 0], [10, 0])), 0);
  assert.ok(Math.abs(rollDegrees(faceWithEyes([0, 0], [10, 10])) - 45) < 1e-12);
  assert.ok(Math.abs(rollDegrees(faceWithEyes([0, 0], [10, -10])) + 45) < 1e-12);
});
