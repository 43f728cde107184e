/**
 * The TypeScript port of dlib's HOG face detector against dlib's own C++ (build/reference/
 * dlib-detect.cpp, output committed as build/reference/dlib-detect.demo.json): the six demo photos
 * at dlib's threshold and at −0.5 (weak windows too), same boxes, same detectors, same scores.
 * The model is committed (native-models/dlib-hog-frontal.bin, `npm run -s models -- hog`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DlibDetectReference } from '../../build/reference/run.js';
import { MODELS_DIR } from '../../build/recipes/manifest.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { loadHogModel } from '../../electron/services/faces/hog/load.js';
import { decodeHogModel, encodeHogModel } from '../../electron/services/faces/hog/model.js';
import { fhogPyramid, hogCandidates } from '../../electron/services/faces/hog/detect.js';
import { dlibOverlaps, dlibSuppress, type DlibRect } from '../../electron/services/faces/hog/overlap.js';
import { pyramidDown, pyramidLevels, rectUp } from '../../electron/services/faces/hog/pyramid.js';

const REF = JSON.parse(readFileSync(path.resolve('build/reference/dlib-detect.demo.json'), 'utf8')) as DlibDetectReference;

test('HOG detector: the demo photos give dlib C++\'s boxes, detectors and scores, at dlib\'s threshold and below it', async () => {
  const model = await loadHogModel(MODELS_DIR);
  const weakest = Math.min(...REF.images.flatMap((im) => im.runs.map((r) => r.adjust)));
  let compared = 0;
  let worstScore = 0;
  for (const image of REF.images) {
    const img = await decodeImage(readFileSync(image.file), image.file);
    assert.deepEqual([img.width, img.height], [image.width, image.height], `${image.file} decodes to another size than dlib was given`);
    // Every run's windows are among the weakest run's: scan once, suppress per threshold as dlib does.
    const candidates = hogCandidates(fhogPyramid(img, model), model, weakest);
    for (const run of image.runs) {
      const got = dlibSuppress(candidates.filter((c) => c.score >= run.adjust), model.iouThresh, model.coveredThresh);
      assert.equal(got.length, run.faces.length, `${image.file} at ${run.adjust}: ${got.length} faces, dlib ${run.faces.length}`);
      run.faces.forEach((want, i) => {
        const g = got[i]!;
        g.rect.forEach((v, k) => assert.ok(Math.abs(v - want.rect[k]!) <= 1, `${image.file} face ${i}: ${g.rect} vs dlib ${want.rect}`));
        assert.equal(g.detector, want.detector, `${image.file} face ${i}: detector ${g.detector} vs dlib ${want.detector}`);
        worstScore = Math.max(worstScore, Math.abs(g.score - want.score));
        compared++;
      });
    }
  }
  assert.equal(compared, 20 + 23, 'dlib finds 20 faces on the demo photos at its threshold, 23 at −0.5');
  // dlib sums in float32 in another order; the port's scores agree to a few 1e-7.
  assert.ok(worstScore < 1e-5, `worst score difference ${worstScore}`);
});

test('HOG model: encode/decode round trip keeps every filter bit; a foreign file is refused in one sentence', async () => {
  const model = await loadHogModel(MODELS_DIR);
  const bytes = encodeHogModel(model);
  assert.deepEqual(decodeHogModel(bytes), model);
  assert.equal(model.detectors.length, 5);
  assert.throws(() => decodeHogModel(new Uint8Array(16)), /Not a version 1 HOG detector file/);
  assert.throws(() => decodeHogModel(bytes.subarray(0, bytes.length - 4)), RangeError);
});

test('pyramid: levels and sizes as dlib shrinks them, rectangles mapped back up', () => {
  // 1024×768 → 853×640 → … until a side falls under 64 px (the level that does is still counted).
  assert.equal(pyramidLevels(1024, 768, 64, 64, 1000), 14);
  assert.equal(pyramidLevels(1024, 768, 64, 64, 3), 3);
  assert.equal(pyramidLevels(60, 60, 64, 64, 1000), 1);
  const img = { width: 12, height: 7, data: new Uint8Array(12 * 7 * 3).fill(200) };
  const down = pyramidDown(img);
  assert.deepEqual([down.width, down.height], [10, 5]);
  assert.ok(down.data.every((v) => v === 200), 'a flat image stays flat (no weight sum above 1 truncates to 201)');
  assert.deepEqual(rectUp([10, 20, 30, 40], 0), [10, 20, 30, 40]);
  // p·6/5 + 0.3 per level, rounded half up at the end.
  assert.deepEqual(rectUp([10, 20, 30, 40], 1), [12, 24, 36, 48]);
  assert.deepEqual(rectUp([0, 0, 100, 100], 2), [1, 1, 145, 145]);
});

test('dlib suppression: overlap measured against the bounding box of the two, or by cover of either', () => {
  const a: DlibRect = [0, 0, 99, 99];
  // IoU by area union would be 50/150 = 0.333; dlib divides by the bounding box (150×100), also 0.333.
  assert.equal(dlibOverlaps(a, [50, 0, 149, 99], 0.33, 1), true);
  // Diagonal neighbours: area-union IoU 0.143, bounding-box IoU 2500/22500 = 0.111.
  assert.equal(dlibOverlaps(a, [50, 50, 149, 149], 0.12, 1), false);
  assert.equal(dlibOverlaps(a, [50, 50, 149, 149], 0.11, 1), true);
  // A small box inside a big one: covered entirely.
  assert.equal(dlibOverlaps(a, [10, 10, 19, 19], 0.9, 0.8), true);
  assert.equal(dlibOverlaps(a, [100, 0, 199, 99], 0, 0), false, 'touching boxes do not overlap');
  const kept = dlibSuppress([{ rect: a, score: 1 }, { rect: [5, 5, 104, 104], score: 2 }, { rect: [300, 300, 399, 399], score: 0.5 }], 0.33, 0.79);
  assert.deepEqual(kept.map((k) => k.score), [2, 0.5]);
});
