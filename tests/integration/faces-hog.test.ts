/**
 * The 'hog' detector through detectFaces with the precise landmarks, on the six demo photos,
 * against dlib's C++ (its HOG detector + predictor, build/reference/dlib-landmarks.demo.json):
 * the app scans at most HOG_MAX_SIDE px, so boxes are dlib's on a smaller copy, and the points
 * stay close to dlib's own (demo NME measured by build/eval/hog-landmarks.ts: mean 2.05 %, worst
 * 6.1 %; from SSD's boxes mapped onto dlib's convention: 3.0 %, 10.1 %).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DlibReference } from '../../build/reference/run.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { boxIou } from '../../electron/services/faces/nms.js';
import { fromDlibRect } from '../../electron/services/faces/dlib/boxes.js';
import { landmarkGap } from '../../build/recipes/faceapi/tiny-box-calibration.js';
import type { Point } from '../../common/geometry.js';

const inference = new InferenceService();
after(() => inference.dispose());
const REF = JSON.parse(readFileSync('build/reference/dlib-landmarks.demo.json', 'utf8')) as DlibReference;

test("'hog' finds dlib's faces on the demo photos, and the precise points from its boxes stay close to dlib C++'s", async () => {
  const nmes: number[] = [];
  let refFaces = 0;
  let found = 0;
  for (const ref of REF.images.filter((i) => !i.crop)) {
    const image = await decodeImage(readFileSync(ref.file));
    const d = await detectFaces(inference, image, { detector: 'hog', landmarks: 'precise' });
    assert.equal(d.detector, 'hog');
    assert.equal(d.landmarks, 'precise', 'the precise model is built (npm run -s models -- dlib)');
    for (const f of ref.faces) {
      refFaces++;
      const box = fromDlibRect(f.rect);
      const face = d.faces.find((x) => boxIou(x.box, box) >= 0.5);
      if (!face) continue;
      found++;
      nmes.push(landmarkGap(face.landmarks, f.points as Point[]).nme);
    }
    assert.ok(d.faces.length <= ref.faces.length, `${ref.file}: ${d.faces.length} faces, dlib ${ref.faces.length}`);
  }
  // dlib's 20th face is sample1's 0.005-confidence window, which the smaller scan does not reach.
  assert.equal(refFaces, 20);
  assert.ok(found >= 19, `${found} of dlib's 20 faces found`);
  const mean = nmes.reduce((a, b) => a + b, 0) / nmes.length;
  assert.ok(mean < 0.025, `mean NME ${mean.toFixed(4)} against dlib C++`);
  assert.ok(Math.max(...nmes) < 0.08, `worst NME ${Math.max(...nmes).toFixed(4)}`);
});
