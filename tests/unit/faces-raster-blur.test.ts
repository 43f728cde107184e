/**
 * The soft-mask blur's window sums: exact against the naive clamped sum, and a radius far beyond
 * the image (absurd landmarks make a huge feather) costs no more than the image.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blur, clampedWindowSum, plane } from '../../electron/services/faces/raster.js';

test('clampedWindowSum equals Σ at(clamp(k)) for k in −r…r', () => {
  const values = [3, -1, 4, 1, -5, 9, 2];
  const at = (i: number) => values[i]!;
  for (let len = 1; len <= values.length; len++) {
    for (let r = 0; r <= 12; r++) {
      let naive = 0;
      for (let k = -r; k <= r; k++) naive += at(Math.min(len - 1, Math.max(0, k)));
      assert.equal(clampedWindowSum(at, len, r), naive, `len ${len}, r ${r}`);
    }
  }
});

test('a radius of 1e12 reads each value at most once, and the blur ends with finite values', { timeout: 20_000 }, () => {
  let reads = 0;
  clampedWindowSum(() => (reads++, 1), 64, 1e12);
  assert.ok(reads <= 64 + 1, `${reads} reads for a window over 64 values`); // at(len − 1) is read inside the window and once more for the clamped tail
  const p = plane(64, 48);
  p.data.fill(1, 0, 64 * 10);
  const out = blur(p, 1e12);
  assert.ok(out.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1));
});
