import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASCADE, fastPathRejection } from '../../electron/services/faces/cascade.js';
import { fitBoxMapping, mapBox, TINY_TO_SSD, type BoxMapping } from '../../electron/services/faces/tiny-box.js';
import { boxIou } from '../../electron/services/faces/nms.js';
import { landmarkGap, sameFaces } from '../../build/recipes/faceapi/tiny-box-calibration.js';
import type { Box, Point } from '../../common/geometry.js';

const face = (x: number, score = 0.9, w = 100, h = 90) => ({ box: [x, 50, w, h] as Box, score });

test('fast path: no candidate falls back to SSD', () => {
  assert.equal(fastPathRejection([]), 'no candidate');
});

test('fast path: one confident face of plausible shape is accepted, also at exactly the threshold', () => {
  assert.equal(fastPathRejection([face(0)]), null);
  assert.equal(fastPathRejection([face(0, CASCADE.confidentScore)]), null);
});

test('fast path: one doubtful candidate among confident ones sends the photo to SSD', () => {
  assert.equal(fastPathRejection([face(0, 0.59)]), 'a doubtful candidate (score 0.59)');
  assert.equal(fastPathRejection([face(0), face(300), face(600, 0.45)]), 'a doubtful candidate (score 0.45)');
});

test('fast path: a wide box (two neighbours boxed as one) or a tall one is implausible', () => {
  assert.equal(fastPathRejection([face(0, 0.95, 200, 90)]), 'an implausible box shape (w/h 2.22)');
  assert.equal(fastPathRejection([face(0, 0.95, 60, 90)]), 'an implausible box shape (w/h 0.67)');
  assert.equal(fastPathRejection([face(0, 0.95, 90 * CASCADE.maxAspect, 90)]), null);
  assert.equal(fastPathRejection([face(0, 0.95, 90, 0)]), 'an implausible box shape (w/h Infinity)');
});

test('fast path: overlapping confident candidates (a box over two faces) are ambiguous; disjoint ones are fine', () => {
  assert.equal(fastPathRejection([face(0), face(150), face(300)]), null);
  // face(0) and face(60): overlap 40×90 of two 100×90 boxes, IoU 0.25
  assert.ok(boxIou(face(0).box, face(60).box) > CASCADE.maxOverlap);
  assert.equal(fastPathRejection([face(0), face(60)]), 'overlapping candidates');
});

test('mapBox moves the centre by (dx·w, dy·h) and scales the size', () => {
  const m: BoxMapping = { dx: 0.1, dy: -0.2, sw: 0.5, sh: 2 };
  // centre (50, 30) → (60, 18); size 100×60 → 50×120
  assert.deepEqual(mapBox([0, 0, 100, 60], m), [35, -42, 50, 120]);
  assert.deepEqual(mapBox([10, 20, 30, 40], { dx: 0, dy: 0, sw: 1, sh: 1 }), [10, 20, 30, 40]);
});

test('fitBoxMapping recovers a mapping exactly from boxes it produced, whatever the box sizes', () => {
  const m: BoxMapping = { dx: -0.01, dy: -0.13, sw: 0.75, sh: 1.03 };
  const tiny: Box[] = [[0, 0, 100, 90], [500, 40, 20, 18], [13, 700, 410, 380]];
  const fit = fitBoxMapping(tiny.map((t) => ({ tiny: t, ssd: mapBox(t, m) })));
  for (const k of ['dx', 'dy', 'sw', 'sh'] as const) assert.ok(Math.abs(fit[k] - m[k]) < 1e-12, `${k}: ${fit[k]}`);
  assert.throws(() => fitBoxMapping([]), RangeError);
});

test('the committed mapping makes a tiny box narrower and moves it up, as SSD frames faces', () => {
  assert.ok(TINY_TO_SSD.sw > 0.6 && TINY_TO_SSD.sw < 0.9, `sw ${TINY_TO_SSD.sw}`);
  assert.ok(TINY_TO_SSD.sh > 0.95 && TINY_TO_SSD.sh < 1.1, `sh ${TINY_TO_SSD.sh}`);
  assert.ok(TINY_TO_SSD.dy < -0.1 && Math.abs(TINY_TO_SSD.dx) < 0.03, `dx ${TINY_TO_SSD.dx} dy ${TINY_TO_SSD.dy}`);
});

test('sameFaces: same count and a box of IoU ≥ 0.5 for each reference face, one to one', () => {
  const a: Box = [0, 0, 10, 10];
  const b: Box = [100, 0, 10, 10];
  assert.equal(sameFaces([b, a], [a, b]), true);
  assert.equal(sameFaces([a], [a, b]), false);
  assert.equal(sameFaces([a, a], [a, b]), false, 'one found box cannot stand for two faces');
  assert.equal(sameFaces([[5, 0, 10, 10]], [a]), false, 'IoU 1/3');
  assert.equal(sameFaces([], []), true);
});

test('landmarkGap: mean and max distance, and NME over the outer-eye-corner distance', () => {
  const ref: Point[] = Array.from({ length: 68 }, (_, i) => [i, 0]);
  ref[36] = [0, 0];
  ref[45] = [40, 0];
  const moved = ref.map(([x, y], i): Point => [x, y + (i === 0 ? 34 : 0)]);
  const g = landmarkGap(moved, ref);
  assert.equal(g.meanPx, 0.5);
  assert.equal(g.maxPx, 34);
  assert.equal(g.nme, 0.5 / 40);
});
