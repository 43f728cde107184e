/**
 * The TypeScript dlib predictor against dlib's own C++ (build/reference/dlib-landmarks.cpp, output
 * committed as build/reference/dlib-landmarks.demo.json): same photos, same boxes, same points.
 * Needs native-models/dlib-landmarks68.bin (`npm run -s models -- dlib`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cropRgb, type DlibReference } from '../../build/reference/run.js';
import { MODELS_DIR } from '../../build/recipes/manifest.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { loadShapeModel } from '../../electron/services/faces/dlib/load.js';
import { decodeShapeModel, encodeShapeModel, type ShapeModel } from '../../electron/services/faces/dlib/model.js';
import { predictShape, similarityMatrix } from '../../electron/services/faces/dlib/predict.js';
import { fitSquareMapping, fromDlibRect, judgeBox, mapToSquare, toDlibRect } from '../../electron/services/faces/dlib/boxes.js';
import type { Box } from '../../common/geometry.js';
import { landmarkGap } from '../../build/recipes/faceapi/tiny-box-calibration.js';

const REF = JSON.parse(readFileSync(path.resolve('build/reference/dlib-landmarks.demo.json'), 'utf8')) as DlibReference;

test('dlib predictor: every demo face within 0.1 px of dlib C++ given dlib boxes, and rounds to dlib\'s parts', async () => {
  // Two of the photos are cut so that faces cross the border: their feature pixels fall outside the image.
  const model = await loadShapeModel(MODELS_DIR).catch((e: Error) => assert.fail(`${e.message} (npm run -s models -- dlib builds it)`));
  let faces = 0;
  let worst = 0;
  for (const image of REF.images) {
    const photo = await decodeImage(readFileSync(image.file), image.file);
    const img = image.crop ? cropRgb(photo, image.crop) : photo;
    for (const face of image.faces) {
      const points = predictShape(model, img, face.rect);
      points.forEach(([x, y], i) => {
        const d = Math.hypot(x - face.points[i]![0], y - face.points[i]![1]);
        worst = Math.max(worst, d);
        assert.ok(d <= 0.1, `${image.file} face ${face.rect} point ${i}: ${d.toFixed(4)} px from dlib`);
        assert.deepEqual([Math.floor(x + 0.5), Math.floor(y + 0.5)], face.parts[i], `${image.file} face ${face.rect} point ${i} rounds differently`);
      });
      faces++;
    }
  }
  assert.equal(faces, 26, 'dlib found 20 faces on the six demo photos and 6 on the two cut ones');
  // Bit-level agreement is the norm; 0.1 px is the bar.
  assert.ok(worst < 1e-4, `worst ${worst} px`);
});

test('similarityMatrix: recovers a known scale·rotation, including a reflected covariance\'s nearest rotation', () => {
  const from = Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1, 0.3, 0.7]);
  const s = 2.5;
  const t = 0.4;
  const to = new Float32Array(from.length);
  for (let i = 0; i < from.length / 2; i++) {
    to[2 * i] = s * (Math.cos(t) * from[2 * i]! - Math.sin(t) * from[2 * i + 1]!) + 3;
    to[2 * i + 1] = s * (Math.sin(t) * from[2 * i]! + Math.cos(t) * from[2 * i + 1]!) - 1;
  }
  const m = similarityMatrix(from, to);
  [s * Math.cos(t), -s * Math.sin(t), s * Math.sin(t), s * Math.cos(t)].forEach((v, i) => assert.ok(Math.abs(m[i]! - v) < 1e-6, `m[${i}] ${m[i]} vs ${v}`));
  // a mirror image has no proper rotation that fits; the fit stays a rotation (m00 = m11, m01 = −m10)
  const mirrored = from.map((v, i) => (i % 2 === 0 ? -v : v));
  const r = similarityMatrix(from, mirrored);
  assert.ok(Math.abs(r[0] - r[3]) < 1e-12 && Math.abs(r[1] + r[2]) < 1e-12);
});

test('shape model file: encode → decode keeps every array, and a foreign file gets one sentence', () => {
  const m: ShapeModel = {
    parts: 2, levels: 1, trees: 2, depth: 1, features: 3,
    meanShape: Float32Array.from([0.25, 0.5, 0.75, 0.5]),
    anchors: Uint16Array.from([0, 1, 1]),
    deltas: Float32Array.from([0.1, 0, -0.1, 0, 0, 0.2]),
    splitFeatures: Uint16Array.from([0, 1, 2, 0]),
    thresholds: Float32Array.from([3.5, -1]),
    leaves: Float32Array.from({ length: 16 }, (_, i) => i / 16),
  };
  const back = decodeShapeModel(encodeShapeModel(m));
  for (const k of Object.keys(m) as Array<keyof ShapeModel>) assert.deepEqual(back[k], m[k], k);
  assert.throws(() => decodeShapeModel(new Uint8Array(64)), /not a version-1 dlib shape model/);
  assert.throws(() => decodeShapeModel(encodeShapeModel(m).subarray(0, 60)), /truncated/);
});

test('box mapping: fitSquareMapping recovers a known square mapping from boxes of any aspect', () => {
  const truth = { dx: 0.03, dy: 0.08, k: 0.94 };
  const from: Box[] = [[100, 50, 180, 240], [400, 300, 90, 110], [10, 20, 300, 330]];
  const fitted = fitSquareMapping(from.map((b) => ({ from: b, to: mapToSquare(b, truth) })));
  for (const k of ['dx', 'dy', 'k'] as const) assert.ok(Math.abs(fitted[k] - truth[k]) < 1e-12, k);
  const sq = mapToSquare([100, 50, 180, 240], truth);
  assert.ok(Math.abs(sq[2] - sq[3]) < 1e-12 && Math.abs(sq[2] - 0.94 * Math.sqrt(180 * 240)) < 1e-9);
  assert.deepEqual(fromDlibRect(toDlibRect([10.5, 20, 100, 80])), [10.5, 20, 100, 80]);
});

test('judgeBox: of boxes made poor on purpose, those it judges poor get points closer to dlib\'s by predicting again from the box their result implies', async () => {
  const model = await loadShapeModel(MODELS_DIR);
  const spoil: Array<(b: Box) => Box> = [
    ([x, y, w, h]) => [x + w / 4, y, w, h],
    ([x, y, w, h]) => [x, y - h / 4, w, h],
    ([x, y, w, h]) => [x + w / 4, y - h / 4, w, h],
    ([x, y, w, h]) => [x - w / 6, y - h / 6, (4 * w) / 3, (4 * h) / 3],
    ([x, y, w, h]) => [x + w / 6, y + h / 6, (2 * w) / 3, (2 * h) / 3],
  ];
  let first = 0;
  let final = 0;
  let poor = 0;
  let boxes = 0;
  for (const image of REF.images.filter((i) => !i.crop)) {
    const img = await decodeImage(readFileSync(image.file), image.file);
    for (const f of image.faces) {
      for (const fn of spoil) {
        const box = fn(fromDlibRect(f.rect));
        const points = predictShape(model, img, toDlibRect(box));
        const judged = judgeBox(box, points);
        boxes++;
        if (!judged.poor) continue; // the predictor followed the box, and its points agree with it
        first += landmarkGap(points, f.points).nme;
        final += landmarkGap(predictShape(model, img, toDlibRect(judged.implied)), f.points).nme;
        poor++;
      }
    }
  }
  // Measured: 39 of 100 judged poor, mean NME 12.9 % → 7.5 %.
  assert.ok(poor >= 30, `only ${poor} of ${boxes} spoilt boxes judged poor`);
  assert.ok(final < 0.7 * first, `mean NME ${(first / poor).toFixed(3)} → ${(final / poor).toFixed(3)} after the rerun`);
});
