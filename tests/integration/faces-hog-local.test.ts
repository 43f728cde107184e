/**
 * The local HOG look (faces/hog/local.ts): its pyramid parts are the whole pyramid's pixels, the
 * boxes it finds around the demo faces are the whole-image scan's (dlib C++'s, build/reference/
 * dlib-landmarks.demo.json), and with it (detectFaces's localHog) the precise landmarks are
 * dlib C++'s own points on upright faces, where the mapped SSD box leaves them pixels away.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DlibReference } from '../../build/reference/run.js';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces, UNSEEN_FACE_WARNING, type FaceDetection } from '../../electron/services/faces/detect.js';
import { detectAuto } from '../../electron/services/faces/cascade.js';
import { boxIou } from '../../electron/services/faces/nms.js';
import { dlibBoxFromDetector, fromDlibRect } from '../../electron/services/faces/dlib/boxes.js';
import { loadHogModel } from '../../electron/services/faces/hog/load.js';
import { localDlibBox, localLevels, windowSide } from '../../electron/services/faces/hog/local.js';
import { downStep, pyramidDown, pyramidDownPart, sourceRegion, type Region } from '../../electron/services/faces/hog/pyramid.js';
import { cropRgb } from '../../electron/services/faces/crop.js';
import type { Point } from '../../common/geometry.js';
import { rollDegrees } from '../../common/face68/align.js';
import { ROLL_RERUN_DEG } from '../../electron/services/faces/dlib/precise.js';

const REF = JSON.parse(readFileSync(path.resolve('build/reference/dlib-landmarks.demo.json'), 'utf8')) as DlibReference;
const PHOTOS = REF.images.filter((i) => !i.crop);
const inference = new InferenceService();
after(() => inference.dispose());

test('pyramidDownPart: a region of the step, from a part of the level above, is the whole step\'s pixels there', async () => {
  const img = await decodeImage(readFileSync(PHOTOS[0]!.file));
  const above = pyramidDown(img); // odd-sized level (1600×1066), both of its loops in play
  const whole = pyramidDown(above);
  const step = downStep(above.width, above.height);
  for (const region of [[0, 0, 40, 30], [301, 207, 555, 419], [whole.width - 37, whole.height - 11, whole.width, whole.height]] as Region[]) {
    const src = sourceRegion(step, region);
    const part = cropRgb(above, [src[0], src[1], src[2] - src[0], src[3] - src[1]]);
    const got = pyramidDownPart(part, src[0], src[1], step, region);
    const want = cropRgb(whole, [region[0], region[1], region[2] - region[0], region[3] - region[1]]);
    assert.deepEqual([got.width, got.height], [want.width, want.height]);
    assert.ok(Buffer.from(got.data).equals(Buffer.from(want.data)), `region ${region} differs from the whole step`);
  }
});

test('localLevels: the level whose window is nearest the box, and one either way', async () => {
  const model = await loadHogModel(inference.modelsDir);
  // dlib's demo boxes are 105, 151, 180, 216 and 259 px: windows of levels 2, 4, 5, 6 and 7 (104 … 259 px).
  assert.deepEqual([105, 151, 180, 216, 259].map((s) => localLevels(model, s, 20)), [[1, 2, 3], [3, 4, 5], [4, 5, 6], [5, 6, 7], [6, 7, 8]]);
  assert.deepEqual([2, 4, 5, 6, 7].map((l) => windowSide(model, l)), [104, 150, 180, 216, 259]);
  assert.deepEqual(localLevels(model, 60, 20), [0, 1], 'no level below the image itself');
  assert.deepEqual(localLevels(model, 259, 8), [6, 7], 'no level the whole-image scan does not have');
});

const images = new Map<string, RgbImage>();
const photo = async (file: string) => images.get(file) ?? images.set(file, await decodeImage(readFileSync(file))).get(file)!;
const maxGap = (a: readonly Point[], b: readonly Point[]) => Math.max(...a.map((p, i) => Math.hypot(p[0] - b[i]![0], p[1] - b[i]![1])));

test('local look: around the SSD box mapped onto dlib\'s convention it finds dlib C++\'s own box for 18 of the 19 demo faces SSD finds', async () => {
  const model = await loadHogModel(inference.modelsDir);
  let faces = 0;
  let same = 0;
  for (const ref of PHOTOS) {
    const image = await photo(ref.file);
    for (const d of (await detectAuto(inference, image)).detections) {
      const want = ref.faces.find((f) => boxIou(fromDlibRect(f.rect), d.box) > 0.3);
      if (!want) continue;
      faces++;
      const got = localDlibBox(image, model, dlibBoxFromDetector(d.box, 'ssd'));
      assert.ok(got, `${ref.file}: no window around the face at ${want.rect}`);
      if (fromDlibRect(want.rect).every((v, k) => Math.abs(v - got[k]!) <= 1)) same++;
    }
  }
  assert.equal(faces, 19);
  // The 19th (sample5, dlib's 151-px box) is mapped to 218 px: its level is two away, one window above it is taken.
  assert.ok(same >= 18, `${same} of ${faces} faces got dlib's box`);
});

test('precise landmarks with the local look: dlib C++\'s points within 0.1 px on the upright faces of samples 1, 3 and 6, where the mapped box is pixels off', async () => {
  let off = 0;
  let compared = 0;
  for (const ref of [PHOTOS[0]!, PHOTOS[2]!, PHOTOS[5]!]) {
    const image = await photo(ref.file);
    const local = await detectFaces(inference, image, { landmarks: 'precise', localHog: true });
    const mapped = await detectFaces(inference, image, { landmarks: 'precise', localHog: false });
    // Tilted faces are predicted again upright (dlib/precise.ts), away from dlib's own points.
    for (const want of ref.faces.filter((f) => Math.abs(rollDegrees(f.points as Point[])) < ROLL_RERUN_DEG)) {
      const at = (d: FaceDetection) => d.faces.find((f) => boxIou(f.box, fromDlibRect(want.rect)) > 0.3);
      const a = at(local);
      const b = at(mapped);
      if (!a || !b) continue;
      compared++;
      const gap = maxGap(a.landmarks, want.points as Point[]);
      assert.ok(gap <= 0.1, `${ref.file} face at ${want.rect}: ${gap.toFixed(3)} px from dlib C++ with the local look`);
      if (maxGap(b.landmarks, want.points as Point[]) > 1) off++;
    }
  }
  assert.equal(compared, 8, 'SSD finds 8 upright faces (roll < 15°) on samples 1, 3 and 6');
  assert.ok(off >= 7, `only ${off} of ${compared} faces were more than 1 px off with the mapped box: the test would not see the local look go`);
});

test('a face dlib\'s own detector does not see gets one warning: sample2\'s profile face, not the frontal faces of samples 3 and 6', async () => {
  const demo = (k: number) => decodeImage(readFileSync(`node_modules/@vladmandic/face-api/demo/sample${k}.jpg`));
  const unseen = (d: FaceDetection) => d.faces.filter((f) => f.warnings.includes(UNSEEN_FACE_WARNING));
  const two = await detectFaces(inference, await demo(2));
  // the profile face: the leftmost of the three, whose points dlib lays over the cheek
  const profile = [...two.faces].sort((a, b) => a.box[0] - b.box[0])[0]!;
  assert.ok(profile.warnings.includes(UNSEEN_FACE_WARNING), 'the profile face is warned about');
  assert.ok(unseen(two).length < two.faces.length, 'not every face of sample2');
  for (const k of [3, 6]) assert.deepEqual(unseen(await detectFaces(inference, await demo(k))), [], `sample${k}`);
  // without the look nobody asked dlib's detector: no warning
  assert.deepEqual(unseen(await detectFaces(inference, await demo(2), { localHog: false })), []);
});
