/**
 * Issue #12 acceptance: with a portrait artwork the marks engine (guided synthesis with positional
 * and region guides) keeps the sitter's likeness — the face-recognition cosine to the photo stays
 * above the warp editor's "still recognisable" mark (0.6: below it WarpPanel's likeness bar turns
 * 'low') — and the project's detector still finds the largest face (the same face by the
 * detector's own rule, rescue.ts sameFace: IoU > 0.3, or one box mostly inside the other — sample2's
 * largest face is a profile whose box the rescue pass takes from its second look, 72×109 px,
 * where SSD, sure of it on the styled photo, boxes it tighter, 46×60 px inside it: IoU 0.34).
 * The artwork is a generated portrait: demo sample6 through the painterly filter of the analogy set.
 * Both sitters' largest faces sit at the detector's margin (scores 0.5–0.66, one cut by the top
 * edge): before faces kept the colour grade under the marks, both were lost (IoU 0), and with the
 * guide always under them sample4's was lost too (synthesis/face-under.ts keeps mostly the grade
 * there, share 0.08: this painting's guide carries the sitter's fine detail at 0.58 of the grade's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverRgb } from '../images.js';
import { painterly } from '../analogy/filters.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { cosineSimilarity, faceDescriptor } from '../../electron/services/faces/descriptor.js';
import { boxIou as iou } from '../../electron/services/faces/nms.js';
import { sameFace } from '../../electron/services/faces/rescue.js';
import { renderMarks } from '../../electron/services/style/marks.js';
import { SynthesisPool } from '../../electron/services/style/synthesis/pool.js';

const RECOGNISABLE = 0.6;
const SIDE = 512;
const demo = (i: number) => `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`;
const inference = new InferenceService();
const pool = new SynthesisPool();
const artwork = painterly(await coverRgb(demo(6), SIDE));
const artworkFaces = (await detectFaces(inference, artwork)).faces.map((f) => f.landmarks);

test('the generated portrait artwork holds faces (so the positional and region guides are used)', () => {
  assert.ok(artworkFaces.length > 0);
});

for (const sitter of [2, 4]) {
  test(`marks from a portrait on demo sample${sitter}: recognisable (cosine > ${RECOGNISABLE}) and found by the detector`, async () => {
    const photo = await coverRgb(demo(sitter), SIDE);
    const faces = (await detectFaces(inference, photo)).faces;
    const largest = faces.reduce((a, f) => (f.box[2] * f.box[3] > a.box[2] * a.box[3] ? f : a));
    const out = await renderMarks(pool, photo, { artwork, artworkFaces, photoFaces: faces.map((f) => f.landmarks), strength: 1, preserveColor: false, detail: 2, quality: 'full' });
    const cosine = cosineSimilarity(await faceDescriptor(inference, photo, largest.landmarks), await faceDescriptor(inference, out, largest.landmarks));
    const boxes = (await detectFaces(inference, out)).faces.map((f) => f.box);
    const found = Math.max(0, ...boxes.map((b) => iou(b, largest.box)));
    console.log(`likeness sample${sitter}: cosine ${cosine.toFixed(3)}, largest face IoU ${found.toFixed(2)}`);
    assert.ok(cosine > RECOGNISABLE, `cosine ${cosine.toFixed(3)}`);
    assert.ok(boxes.some((b) => sameFace(b, largest.box)), `largest face IoU ${found.toFixed(2)}, not inside any box found either`);
  });
}

test.after(async () => {
  await pool.dispose();
  await inference.dispose();
});
