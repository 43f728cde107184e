import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_JACOBIAN, minJacobian, safeMapping } from '../../electron/services/warp/folds.js';
import { fitMapping } from '../../electron/services/warp/mapping.js';
import { foldNotice } from '../../electron/services/warp/service.js';
import type { Point } from '../../common/geometry.js';

const W = 400;
const H = 400;
/** A loose ring of anchors-to-be, so the spline has a face-sized set of control points. */
const RING: Point[] = Array.from({ length: 10 }, (_, i): Point => [200 + 80 * Math.cos(i * 0.628), 200 + 80 * Math.sin(i * 0.628)]);

test('a gentle drag is kept whole', () => {
  const src: Point[] = [...RING, [200, 200]];
  const tgt: Point[] = [...RING, [208, 195]];
  const r = safeMapping(W, H, src, tgt);
  assert.equal(r.folded, false);
  assert.equal(r.blend, 1);
  assert.deepEqual(r.target, tgt);
  assert.ok(minJacobian(r.mapping, src, r.target) > MIN_JACOBIAN);
});

test('two neighbours dragged past each other are scaled back until nothing folds; far edits stay whole', () => {
  const src: Point[] = [...RING, [190, 200], [210, 200], [300, 330]];
  const tgt: Point[] = [...RING, [225, 200], [175, 200], [306, 333]];
  assert.ok(minJacobian(fitMapping(W, H, src, tgt), src, tgt) <= 0, 'the request folds');
  const r = safeMapping(W, H, src, tgt);
  assert.equal(r.folded, true);
  assert.ok(r.blend < 1);
  assert.ok(minJacobian(r.mapping, src, r.target) > MIN_JACOBIAN);
  assert.ok(r.scaledBack.includes(10) || r.scaledBack.includes(11));
  assert.ok(!r.scaledBack.includes(12));
  assert.deepEqual(r.target[12], [306, 333]);
  // the kept part still points the requested way
  assert.ok(r.target[10]![0] > 190 && r.target[11]![0] < 210);
});

test('coinciding points pulled apart across each other (a closed mouth exaggerated) move together', () => {
  const src: Point[] = [...RING, [200, 200], [200, 200.3], [180, 200], [220, 200]];
  const tgt: Point[] = [...RING, [200, 206], [200, 194], [176, 200], [224, 200]];
  const r = safeMapping(W, H, src, tgt);
  assert.equal(r.folded, true);
  assert.deepEqual(r.target[10], r.target[11]);
  assert.ok(minJacobian(r.mapping, src, r.target) > MIN_JACOBIAN);
  assert.deepEqual(r.target[12], [176, 200]);
});

test('the fold notice names the regions held back', () => {
  assert.equal(foldNotice([62, 66], 0.4), 'The edit near the mouth would fold the image, so it was scaled back there (to 40% at most).');
  assert.match(foldNotice([3, 30], 0.5), /near the jaw line and the nose/);
});
