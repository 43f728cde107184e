import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Point } from '../../electron/ipc/define.js';
import { dragLandmarks, faceHorizontal, pointsInRect } from '../../renderer/src/editor/drag.js';

/** A symmetric upright face: point i at x = ±(distance from midline), mirrored pairs equal. */
function uprightFace(): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, (_, i) => [100 + (i % 7) - 3, 100 + i] as Point);
  for (let i = 36; i <= 41; i++) pts[i] = [80 + (i - 36), 90];
  for (let i = 42; i <= 47; i++) pts[i] = [115 + (i - 42), 90];
  return pts;
}

test('without symmetry only the dragged point moves', () => {
  const s = uprightFace();
  const out = dragLandmarks(s, [48], [5, 2], false);
  assert.deepEqual(out[48], [s[48]![0] + 5, s[48]![1] + 2]);
  out.forEach((p, i) => i !== 48 && assert.deepEqual(p, s[i]));
});

test('symmetry mirrors the horizontal part for the partner and keeps midline points on the axis', () => {
  const s = uprightFace();
  const out = dragLandmarks(s, [48, 8], [5, 2], true);
  assert.deepEqual(out[48], [s[48]![0] + 5, s[48]![1] + 2]);
  assert.deepEqual(out[54], [s[54]![0] - 5, s[54]![1] + 2], 'mouth corner partner mirrored');
  assert.deepEqual(out[8], [s[8]![0], s[8]![1] + 2], 'chin stays on the axis');
});

test('the face axis follows a rotated face', () => {
  const s = uprightFace().map(([x, y]) => [-y, x] as Point); // rotated 90°
  const u = faceHorizontal(s);
  assert.ok(Math.abs(u[0]) < 1e-9 && Math.abs(Math.abs(u[1]) - 1) < 1e-9);
  const out = dragLandmarks(s, [48], [0, 4], true); // along the (now vertical) eye line
  assert.ok(Math.abs(out[54]![1] - (s[54]![1] - 4)) < 1e-9);
});

test('box selection takes the points inside, whatever corner the drag started from', () => {
  const pts: Point[] = [[0, 0], [5, 5], [10, 10], [5, 20]];
  assert.deepEqual(pointsInRect(pts, [11, 11], [4, 4]), [1, 2]);
  assert.deepEqual(pointsInRect(pts, [100, 100], [200, 200]), []);
});
