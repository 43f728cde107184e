/** Face-parsing geometry: the CelebA-HQ crop and pasting crop labels back into the image. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAffine, invertAffine, similarityFromPairs } from '../../common/face68/align.js';
import { pasteLabels, parsingTransform, PARSING_SIZE } from '../../electron/services/faces/parse.js';
import { labelsInFrame } from '../../electron/services/faces/parse-masks.js';
import type { Point } from '../../common/geometry.js';

/** 68 points with eye rings centred on `left`/`right` and mouth corners 48/54 at the given points. */
function face(left: Point, right: Point, mouthL: Point, mouthR: Point): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, () => [0, 0]);
  const ring = [[-3, 0], [-1, -1], [1, -1], [3, 0], [1, 1], [-1, 1]] as const;
  ring.forEach(([dx, dy], k) => {
    pts[36 + k] = [left[0] + dx, left[1] + dy];
    pts[42 + k] = [right[0] + dx, right[1] + dy];
  });
  pts[48] = mouthL;
  pts[54] = mouthR;
  return pts;
}

const close = (a: Point, b: Point, eps: number) => assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1]) < eps, `${a} vs ${b}`);

test('parsingTransform: an upright frontal face lands as in CelebA-HQ (eyes 1/4 of the side apart, centred)', () => {
  // eye distance 100, eye-to-mouth 100: half side = max(2·100, 1.8·100) = 200 image px → 256 crop px
  const lm = face([300, 400], [400, 400], [320, 500], [380, 500]);
  const m = parsingTransform(lm);
  close(applyAffine(m, [300, 400]), [256 - 64, 256 - 12.8], 1e-9);
  close(applyAffine(m, [400, 400]), [256 + 64, 256 - 12.8], 1e-9);
  assert.equal(parsingTransform(lm, 0.5)[0], 2 * m[0]);
});

test('parsingTransform follows the face: rotating the landmarks rotates the crop with them', () => {
  const lm = face([300, 400], [400, 400], [320, 500], [380, 500]);
  const rot = similarityFromPairs([0, 0], [1, 0], [50, 20], [50 + Math.cos(0.5), 20 + Math.sin(0.5)]);
  const turned = lm.map((p) => applyAffine(rot, p));
  const a = parsingTransform(lm);
  const b = parsingTransform(turned);
  for (const p of [lm[36]!, lm[48]!, [123, 456] as Point]) close(applyAffine(a, p), applyAffine(b, applyAffine(rot, p)), 1e-6);
});

test('pasteLabels: nearest crop label through the inverse similarity; the nearer crop centre wins', () => {
  const size = 8;
  // crop = image scaled ×2 about the origin: image pixel (x, y) covers crop pixels 2x…2x+1
  const toCrop = similarityFromPairs([0, 0], [1, 0], [0, 0], [2, 0]);
  const labels = Uint8Array.from({ length: size * size }, (_, i) => (i % size) + 1);
  const out = pasteLabels(6, 5, [{ toCrop, labels }], size);
  // image x = 2 → crop x = 5 (centre 2.5·2) → label 6; outside the crop (x ≥ 4) stays 0
  assert.equal(out[2]!, 6);
  assert.equal(out[4]!, 0);
  // a second crop shifted right by 2 image px owns the pixels nearer its centre
  const shifted = similarityFromPairs([2, 0], [3, 0], [0, 0], [2, 0]);
  const twice = pasteLabels(6, 5, [{ toCrop, labels }, { toCrop: shifted, labels: labels.map(() => 9) }], size);
  assert.equal(twice[0]!, 2);
  assert.equal(twice[3]!, 9);
});

test('labelsInFrame inverts a frame transform exactly for whole-pixel shifts', () => {
  const parsing = { width: 4, height: 3, labels: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), classes: [], faces: 0 };
  const toFrame = similarityFromPairs([1, 1], [2, 1], [0, 0], [1, 0]); // frame = image − (1, 1)
  assert.deepEqual([...labelsInFrame(parsing, toFrame, 2, 2)], [6, 7, 10, 11]);
  assert.ok(invertAffine(toFrame));
  assert.equal(PARSING_SIZE, 512);
});
