import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Point } from '../../common/geometry.js';
import { dragLandmarks, faceHorizontal, pointsInRect } from '../../renderer/src/editor/drag.js';

/** A symmetric upright face: point i at x = ±(distance from midline), mirrored pairs equal. */
function uprightFace(): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, (_, i) => [100 + (i % 7) - 3, 100 + i] as Point);
  for (let i = 36; i <= 41; i++) pts[i] = [80 + (i - 36), 90];
  for (let i = 42; i <= 47; i++) pts[i] = [115 + (i - 42), 90];
  return pts;
}

test('without symmetry the dragged point moves fully, near neighbours partly, far points not at all', () => {
  const s = uprightFace();
  const out = dragLandmarks(s, [48], [5, 2], false);
  assert.deepEqual(out[48], [s[48]![0] + 5, s[48]![1] + 2]);
  const moved = (i: number) => Math.hypot(out[i]![0] - s[i]![0], out[i]![1] - s[i]![1]);
  assert.ok(moved(49) > 0 && moved(49) < moved(48), 'the next point follows partly');
  assert.equal(moved(0), 0, 'a point 48 px away stays');
  // The mirror partner (6 px away) is only a neighbour here: it follows the drag partly and in
  // the drag's own direction, where the symmetry lock would move it by the mirrored [−5, 2].
  const d54: Point = [out[54]![0] - s[54]![0], out[54]![1] - s[54]![1]];
  assert.ok(d54[0] > 0 && d54[0] < 5, `partner follows partly, not mirrored: ${d54}`);
  assert.ok(Math.abs(d54[1] / d54[0] - 2 / 5) < 1e-9, `partner moves along the drag: ${d54}`);
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
