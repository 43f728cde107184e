import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonMaxSuppression, ssdBoxToImage } from '../../electron/services/faces/ssd.js';
import { iou } from '../../electron/services/faces/nms.js';
import { clipAndFloor, landmarksToImage } from '../../electron/services/faces/landmarks.js';
import { dlibAlignedBox, cosineSimilarity } from '../../electron/services/faces/descriptor.js';
import { faceWarnings } from '../../electron/services/faces/detect.js';
import type { Point } from '../../common/geometry.js';

test('iou of (ymin,xmin,ymax,xmax) boxes, corners in any order; degenerate boxes give 0', () => {
  const b = Float32Array.from([0, 0, 2, 2, 1, 1, 3, 3, 2, 2, 0, 0, 0, 0, 0, 5]);
  assert.ok(Math.abs(iou(b, 0, 1) - 1 / 7) < 1e-7);
  assert.equal(iou(b, 0, 2), 1);
  assert.equal(iou(b, 0, 3), 0);
});

test('NMS keeps the best of overlapping boxes, drops low scores, respects maxOutput', () => {
  const boxes = Float32Array.from([
    0, 0, 1, 1, // 0
    0, 0, 1, 0.9, // 1: IoU 0.9 with 0
    0, 2, 1, 3, // 2: disjoint
    0, 0, 1, 0.4, // 3: IoU 0.4 with 0 → kept
    5, 5, 6, 6, // 4: below threshold
  ]);
  const scores = Float32Array.from([0.9, 0.95, 0.6, 0.7, 0.5]);
  assert.deepEqual(nonMaxSuppression(boxes, scores, 100, 0.5, 0.5), [1, 3, 2]);
  assert.deepEqual(nonMaxSuppression(boxes, scores, 2, 0.5, 0.5), [1, 3]);
  assert.deepEqual(nonMaxSuppression(boxes, scores, 100, 0.5, 0.96), []);
});

test('SSD boxes map back through the padded square with face-api\'s rounded reshape', () => {
  // 1920×1280: square side 1920, image fills rows 0..round(1280·512/1920)=341 of 512
  const b = Float32Array.from([0.1, 0.25, 0.3, 0.5]);
  const [x, y, w, h] = ssdBoxToImage(b, 0, 1920, 1280);
  const padY = 512 / 341;
  const [ymin, xmin, ymax, xmax] = Array.from(b); // float32 values
  assert.ok(Math.abs(x - xmin! * 1920) < 1e-9 && Math.abs(w - (xmax! - xmin!) * 1920) < 1e-9);
  assert.ok(Math.abs(y - ymin! * padY * 1280) < 1e-9 && Math.abs(h - (ymax! - ymin!) * padY * 1280) < 1e-9);
  assert.ok(Math.abs(y - 192.19) < 0.01, `${y}`);
  // clamped at the square's edges
  assert.deepEqual(ssdBoxToImage(Float32Array.from([-0.2, -0.1, 0.5, 1.3]), 0, 100, 100), [0, 0, 100, 50]);
});

test('clipAndFloor clips to the image then floors each of x, y, w, h (not the corners)', () => {
  assert.deepEqual(clipAndFloor([10.7, 20.2, 30.6, 40.9], 1000, 1000), [10, 20, 30, 40]);
  assert.deepEqual(clipAndFloor([-5.5, -2, 30, 40], 1000, 1000), [0, 0, 24, 38]);
  assert.deepEqual(clipAndFloor([90, 95, 30, 30], 100, 100), [90, 95, 10, 5]);
});

test('landmarksToImage copies face-api: symmetric padding assumption and unfloored origin', () => {
  // crop 100×80 (wider): scale 1.12, padded rows assumed 11.2 top; a point at net (0.5, 0.5)
  const out = new Float32Array(136).fill(0.5);
  const [p] = landmarksToImage(out, 0, [10, 20, 100, 80], [10.6, 20.4]);
  assert.ok(Math.abs(p![0] - (50 + 10.6)) < 1e-9);
  const sh = 80 * 1.12;
  const expectedY = ((0.5 * 112 - (112 - sh) / 2) / sh) * 80 + 20.4;
  assert.ok(Math.abs(p![1] - expectedY) < 1e-9);
  assert.ok(Math.abs(p![1] - 60.4) < 1e-9, 'the centre of the square is the centre of the crop');
});

test('dlibAlignedBox: side from the eye–mouth distance, anchored at (0.5, 0.43)', () => {
  const lm: Point[] = Array.from({ length: 68 }, () => [0, 0] as Point);
  for (let i = 36; i < 42; i++) lm[i] = [100, 100];
  for (let i = 42; i < 48; i++) lm[i] = [160, 100];
  for (let i = 48; i < 68; i++) lm[i] = [130, 140];
  const d = Math.hypot(30, 40); // 50
  const size = Math.floor(d / 0.45); // 111
  const ref: Point = [130, 340 / 3];
  assert.deepEqual(dlibAlignedBox(lm), [Math.floor(ref[0] - 0.5 * size), Math.floor(ref[1] - 0.43 * size), size, size]);
});

test('cosineSimilarity: identical 1, opposite −1, zero vector 0', () => {
  const a = Float32Array.from([1, 2, 3]);
  assert.ok(Math.abs(cosineSimilarity(a, a) - 1) < 1e-12);
  assert.ok(Math.abs(cosineSimilarity(a, a.map((v) => -v)) + 1) < 1e-12);
  assert.equal(cosineSimilarity(a, new Float32Array(3)), 0);
});

test('faceWarnings flags small and tilted faces only', () => {
  const level: Point[] = Array.from({ length: 68 }, (_, i) => (i >= 42 && i < 48 ? [200, 100] : [100, 100]) as Point);
  assert.deepEqual(faceWarnings([0, 0, 200, 200], level), []);
  assert.match(faceWarnings([0, 0, 40, 60], level)[0]!, /small \(40 px\)/);
  const tilted: Point[] = level.map((p, i) => (i >= 42 && i < 48 ? [150, 200] : p) as Point);
  assert.match(faceWarnings([0, 0, 200, 200], tilted)[0]!, /tilted by 63°/);
});
