/**
 * faceWeight: the example-based style's `structure` input — 1 on the faces, feathered to 0,
 * computed per face on a padded crop but equal to filling and blurring the whole plane.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eyeCentres } from '../../common/face68/align.js';
import { regionPolygons } from '../../electron/services/faces/masks.js';
import { blur, fillPolygon, plane, scalePolygon } from '../../electron/services/faces/raster.js';
import type { Point } from '../../common/geometry.js';
import { FACE_FEATHER, FACE_GROW, faceWeight } from '../../electron/services/style/face-weight.js';
import { syntheticFace } from './synthetic-face.js';

const at = (w: Float32Array, width: number, x: number, y: number) => w[y * width + x]!;

/** The whole-plane reference: fill the grown face polygon, blur it, the union over faces. */
function reference(faces: Point[][], width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (const lm of faces) {
    const p = plane(width, height);
    fillPolygon(p, scalePolygon(regionPolygons(lm).face[0]!, FACE_GROW));
    const { left, right } = eyeCentres(lm);
    const iod = Math.hypot(right[0] - left[0], right[1] - left[1]);
    const soft = blur(p, Math.max(1, Math.round(FACE_FEATHER * iod))).data;
    soft.forEach((v, i) => (out[i] = Math.max(out[i]!, v)));
  }
  return out;
}

function assertClose(got: Float32Array, want: Float32Array) {
  assert.equal(got.length, want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  assert.ok(worst < 1e-6, `max difference ${worst}`);
}

test('no faces: undefined (the graph gets zeros, the plain style)', () => {
  assert.equal(faceWeight([], 64, 48), undefined);
});

test('one face: 1 at its centre, 0 far away, all in 0..1, and the same as blurring the whole plane', () => {
  const lm = syntheticFace(100, 90, 20);
  const w = faceWeight([lm], 240, 200)!;
  assert.equal(w.length, 240 * 200);
  assert.ok(at(w, 240, 100, 90) > 1 - 1e-6); // the blur's running sums round by ~1e-7
  assert.equal(at(w, 240, 5, 5), 0);
  assert.equal(at(w, 240, 230, 190), 0);
  assert.ok(w.every((v) => v >= 0 && v <= 1 + 1e-6));
  // The feather: strictly between 0 and 1 just outside the jaw.
  const below = at(w, 240, 100, Math.round(90 + 1.8 * 20 * FACE_GROW));
  assert.ok(below > 0 && below < 1, `feather at the chin: ${below}`);
  assertClose(w, reference([lm], 240, 200));
});

test('a face partly outside the image: no error, the visible part weighted as on a larger canvas', () => {
  const lm = syntheticFace(8, 20, 16); // centre 8 px from the left edge
  const w = faceWeight([lm], 80, 60)!;
  assert.ok(at(w, 80, 0, 20) > 1 - 1e-6);
  assertClose(w, reference([lm], 80, 60));
});

test('a face wholly outside the image: all zeros', () => {
  const w = faceWeight([syntheticFace(-300, -300, 20)], 50, 40)!;
  assert.ok(w.every((v) => v === 0));
});

test('a tiny face (eyes 3 px apart) still gets a feathered weight of at most 1', () => {
  const lm = syntheticFace(20, 20, 1.5);
  const w = faceWeight([lm], 40, 40)!;
  assert.ok(at(w, 40, 20, 20) > 0.5, `centre ${at(w, 40, 20, 20)}`);
  assert.ok(w.every((v) => v >= 0 && v <= 1 + 1e-6));
  assert.equal(at(w, 40, 0, 0), 0);
  assertClose(w, reference([lm], 40, 40));
});

test('two faces: the union (pointwise max), overlapping or not', () => {
  for (const [a, b] of [[syntheticFace(40, 50, 12), syntheticFace(130, 60, 18)], [syntheticFace(70, 50, 15), syntheticFace(90, 55, 15)]] as const) {
    const both = faceWeight([a, b], 180, 110)!;
    const wa = faceWeight([a], 180, 110)!;
    const wb = faceWeight([b], 180, 110)!;
    both.forEach((v, i) => assert.equal(v, Math.max(wa[i]!, wb[i]!)));
  }
});
