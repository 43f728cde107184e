import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTinyGrid, sigmoid, tinyDetections, type TinyCandidates } from '../../electron/services/faces/tiny.js';
import { rankByScore, suppress } from '../../electron/services/faces/nms.js';
import { squareCorrection, squareInput } from '../../electron/services/faces/resample.js';
import type { Point } from '../../common/geometry.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test('decodeTinyGrid: YOLO v2 centre (cell + σ) / cells and size e^t · anchor / cells', () => {
  // 2×2 cells, 2 anchors; all zeros except one box: row 1, col 0, anchor 1
  const anchors: Point[] = [[1, 1], [2, 4]];
  const grid = new Float32Array(2 * 2 * 2 * 5);
  const i = (1 * 2 + 0) * 2 + 1; // anchors vary fastest, then columns, then rows
  grid.set([Math.log(3), 0, Math.log(0.5), 0, 2], i * 5); // σ(ln 3) = 0.75, e^(ln 0.5) = 0.5
  const { boxes, scores } = decodeTinyGrid(grid, 2, anchors, [1, 1]);
  close(scores[i]!, sigmoid(2));
  close(scores[0]!, 0.5);
  // the grid is float32, so ln 3 and ln 0.5 are rounded: 1e-8 covers that
  const cx = (0 + 0.75) / 2;
  const cy = (1 + 0.5) / 2;
  const w = (0.5 * 2) / 2;
  const h = 4 / 2;
  [cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2].forEach((v, k) => close(boxes[i * 4 + k]!, v, 1e-8));
  // the first box: row 0, col 0, anchor 0 with t = 0
  [0.25 - 0.25, 0.25 - 0.25, 0.25 + 0.25, 0.25 + 0.25].forEach((v, k) => close(boxes[k]!, v));
});

test('decodeTinyGrid scales x and y by the square correction separately', () => {
  const grid = new Float32Array(5);
  const plain = decodeTinyGrid(grid, 1, [[1, 1]], [1, 1]).boxes;
  const wide = decodeTinyGrid(grid, 1, [[1, 1]], [1.5, 1]).boxes;
  assert.deepEqual([...wide], [plain[0], plain[1]! * 1.5, plain[2], plain[3]! * 1.5]);
});

test('squareCorrection divides by the rounded size the image has in the square (face-api)', () => {
  // 1920×1280 in 416: 1280·416/1920 = 277.33 → 277 rows of image
  assert.deepEqual(squareCorrection(1920, 1280, 416), [1, 416 / 277]);
  assert.deepEqual(squareCorrection(768, 1024, 416), [416 / 312, 1]);
  assert.deepEqual(squareCorrection(500, 500, 416), [1, 1]);
});

test('squareInput pads at the bottom/right with zeros', () => {
  const img = { width: 4, height: 2, data: new Uint8Array(4 * 2 * 3).fill(200) };
  const out = squareInput(img, 4);
  assert.equal(out.length, 4 * 4 * 3);
  assert.deepEqual([...out.subarray(0, 2 * 4 * 3)], new Array(24).fill(200));
  assert.deepEqual([...out.subarray(2 * 4 * 3)], new Array(24).fill(0));
});

function candidates(boxes: number[][], scores: number[]): TinyCandidates {
  return { boxes: Float64Array.from(boxes.flat()), scores: Float64Array.from(scores) };
}

test('tinyDetections: score strictly above the threshold, NMS at IoU 0.4, image pixels, no clipping', () => {
  const c = candidates(
    [
      [0, 0, 0.5, 0.5], // 0
      [0, 0.1, 0.5, 0.6], // 1: IoU with 0 = 0.4/0.6 = 0.667 → suppressed by 0
      [0, 0.2, 0.5, 0.7], // 2: IoU with 0 = 0.3/0.7 = 0.43 → suppressed
      [0, 0.3, 0.5, 0.8], // 3: IoU with 0 = 0.2/0.8 = 0.25 → kept
      [-0.1, 0.6, 0.4, 1.2], // 4: overlaps 3 by 0.2/1.0 → kept; outside the image
      [0.6, 0.6, 0.9, 0.9], // 5: at the threshold exactly → dropped
    ],
    [0.9, 0.85, 0.7, 0.6, 0.8, 0.5],
  );
  const d = tinyDetections(c, 200, 100);
  assert.deepEqual(d.map((x) => x.score), [0.9, 0.8, 0.6]);
  const [x, y, w, h] = d[1]!.box;
  close(x, 120);
  close(y, -10);
  close(w, 120, 1e-9);
  close(h, 50);
  assert.deepEqual(tinyDetections(c, 200, 100, { minConfidence: 0.85 }).map((x) => x.score), [0.9]);
  assert.equal(tinyDetections(c, 200, 100, { maxResults: 1 }).length, 1);
});

test('equal scores: the tiny detector keeps the later box, the SSD order the earlier one', () => {
  const boxes = Float64Array.from([0, 0, 1, 1, 0, 0, 1, 1]);
  const scores = [0.7, 0.7];
  assert.deepEqual(suppress(boxes, rankByScore(scores, 0.5, false), 0.4, 10), [1]);
  assert.deepEqual(suppress(boxes, rankByScore(scores, 0.5, true), 0.4, 10), [0]);
});
