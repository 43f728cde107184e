/**
 * Acceptance of issue #13 on the six demo photos with real ONNX Runtime: the head layer changes
 * the head and leaves the scene; no slider extreme tears the hair; a three-quarter face at k = 3
 * is not smeared; several edited faces each get their own head. Measurements are defined from
 * the landmarks and the spline (head-metrics.ts), not from the layer's own mask.
 * WARP_HEAD_PNG=dir writes the pictures to look at.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, encodePng, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { warpImage } from '../../electron/services/warp/engine.js';
import { composeTarget, type Geometry } from '../../common/warp/compose.js';
import { fitSimilarity } from '../../common/warp/shape-model.js';
import { SLIDER_NAMES } from '../../common/warp/sliders.js';
import { REGION_NAMES } from '../../common/face68/regions.js';
import { pinsFor } from '../../electron/services/warp/pins.js';
import { areaStats, inFace, inHair, psnrOutside, regionBand } from './head-metrics.js';
import type { Points } from '../../common/geometry.js';
import { landmarkHead } from '../../electron/services/warp/head.js';
import { parseHead } from '../../electron/services/warp/parsed-head.js';
import { parserAvailability } from '../../electron/services/faces/parse.js';

const inference = new InferenceService();
after(() => inference.dispose());
const faces = new FaceService(inference);
const warp = new WarpService(inference);
const demo = (i: number) => `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`;
const PNG_DIR = process.env.WARP_HEAD_PNG;
/** The head region the service warps: the parser's where it runs (WarpService.head), else the landmark estimate. */
const usedRegion = async (image: RgbImage, source: Points) => ((await parserAvailability(inference)) === 'ok' ? parseHead(inference, image, source) : landmarkHead(source));
async function keep(name: string, img: RgbImage): Promise<void> {
  if (!PNG_DIR) return;
  mkdirSync(PNG_DIR, { recursive: true });
  writeFileSync(path.join(PNG_DIR, name), await encodePng(img));
}

test('k = 3, head 1.4 on every demo photo: outside the feathered head band (of the region the warp used) the photo is unchanged (PSNR ≥ 45 dB), the whole-image warp is not', async () => {
  const rows: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const image = await decodeImage(readFileSync(demo(i)));
    const all = await faces.landmarksOf(image);
    const source = all[0]!;
    const target = composeTarget(source, { gains: { global: 3 }, head: 1.4 });
    const r = await warp.render(image, source, target, undefined, pinsFor(all, 0));
    await keep(`sample${i}-k3-head1.4.png`, r.image);
    const band = regionBand(image.width, image.height, source, r.target, await usedRegion(image, source));
    const head = psnrOutside(image.data, r.image.data, band);
    // The same edit by the whole-image warp (today's peer): the measure sees a warp that leaks.
    const whole = await warpImage(inference, image, source, r.target, pinsFor(all, 0));
    const leak = psnrOutside(image.data, whole.image.data, band);
    rows.push(`sample${i} ${head.db.toFixed(1)} dB over ${(head.pixels / 1e6).toFixed(2)} MP (whole-image warp ${leak.db.toFixed(1)} dB)`);
    assert.ok(head.pixels > 0.4 * image.width * image.height, `sample${i}: the band covers too much (${head.pixels} px left)`);
    assert.ok(head.db >= 45, rows.join('; '));
    assert.ok(leak.db < 45, `the band does not catch a leaking warp: ${rows.join('; ')}`);
  }
  console.log(rows.join('; '));
});

/** Every control of the Warp tab at its extremes: k and head alone and together, each feature slider and region gain at both ends on top of k = 3, head 1.6. */
function extremes(): Array<[string, Geometry]> {
  const out: Array<[string, Geometry]> = [];
  for (const k of [0, 3]) for (const head of [1, 1.6]) out.push([`k ${k} head ${head}`, { gains: { global: k }, head }]);
  for (const n of SLIDER_NAMES) for (const a of [-1, 1]) out.push([`${n} ${a}`, { gains: { global: 3 }, head: 1.6, sliders: { [n]: a } }]);
  for (const r of REGION_NAMES) for (const g of [0, 3]) out.push([`${r} gain ${g}`, { gains: { global: 3, [r]: g }, head: 1.6 }]);
  return out;
}

/**
 * How much the edit grows the head as a whole (linear): the scale of the similarity taking the
 * source's outline and brows onto the target's, as the skull follows them (head.ts). The head
 * slider alone is not it: a region gain grows the head too (jaw gain 3 on k 3, head 1.6: ×1.17
 * beyond the slider on sample2, 1.37× the area), and that growth is the head's, not a stretch
 * of its hair. Measured over the slider's head², sample2's hair reached 2.02 at jaw gain 3 once
 * the landmarks came from dlib's own box (the local HOG look; 1.76 on the mapped SSD box: its
 * turned face's jaw sits 2 canonical px further from the mean on one side, and jaw gain 3 on
 * k 3 multiplies that by 9); over the head's own growth it is 1.47 there (the hair guard's
 * measure, head-layer.ts, which holds it to 1.55 at its probes). Over the head's own growth,
 * mapped box → local look: sample1 0.79–1.77 → 0.79–1.79, sample2 0.72–1.35 → 0.66–1.47,
 * sample3 0.72–1.62 → 0.81–1.45, sample4 0.76–1.60 → 0.69–1.75, sample5 0.64–1.55 → 0.65–1.73,
 * sample6 0.73–1.57 → 0.70–1.51.
 */
function headScale(source: Points, target: Points): number {
  const s = fitSimilarity(source.slice(0, 27), target.slice(0, 27));
  return Math.hypot(s.a, s.b);
}

test('no tear: in the hair the local area ratio (over the head\'s own growth²) stays in [0.5, 2] and det J > 0 at every slider extreme', async () => {
  const rows: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const image = await decodeImage(readFileSync(demo(i)));
    const source = (await faces.landmarksOf(image))[0]!;
    const hair = inHair(source);
    let lo = { v: Infinity, at: '' };
    let hi = { v: -Infinity, at: '' };
    for (const [name, g] of extremes()) {
      const target = composeTarget(source, g);
      const s = areaStats(image.width, image.height, source, target, hair, headScale(source, target), 6);
      assert.ok(s.samples > 200, `sample${i} ${name}: only ${s.samples} hair samples`);
      assert.ok(s.minDet > 0, `sample${i} ${name}: folds in the hair (det J ${s.minDet})`);
      if (s.minRatio < lo.v) lo = { v: s.minRatio, at: name };
      if (s.maxRatio > hi.v) hi = { v: s.maxRatio, at: name };
    }
    rows.push(`sample${i} ${lo.v.toFixed(2)} (${lo.at}) … ${hi.v.toFixed(2)} (${hi.at})`);
    assert.ok(lo.v >= 0.5 && hi.v <= 2, rows.join('; '));
  }
  console.log(`hair area ratio over ${extremes().length} extremes: ${rows.join('; ')}`);
});

test('a three-quarter face (sample2, the turned and lowered face, cropped to it) at k = 3: the area ratio inside the face stays in [0.5, 2]', async () => {
  const bytes = await sharp(demo(2)).extract({ left: 1147, top: 0, width: 773, height: 760 }).png().toBuffer();
  const image = await decodeImage(bytes);
  const source = (await faces.landmarksOf(image))[0]!;
  const target = composeTarget(source, { gains: { global: 3 } });
  const s = areaStats(image.width, image.height, source, target, inFace(source), 1, 2);
  const r = await warp.render(image, source, target);
  await keep('three-quarter-k3.png', r.image);
  console.log(`three-quarter face at k = 3: area ratio ${s.minRatio.toFixed(2)} … ${s.maxRatio.toFixed(2)} over ${s.samples} samples${r.folded ? `, held back to ${r.blend.toFixed(2)}` : ''}`);
  assert.ok(s.minDet > 0 && s.minRatio >= 0.5 && s.maxRatio <= 2, `${s.minRatio} … ${s.maxRatio}`);
  // It is a caricature still: the landmarks moved.
  assert.ok(source.some((p, i) => Math.hypot(p[0] - r.target[i]![0], p[1] - r.target[i]![1]) > 5));
});

test('several edited faces: each face gets its own bigger head, the scene between them stays', async () => {
  const image = await decodeImage(readFileSync(demo(3)));
  const all = await faces.landmarksOf(image);
  assert.ok(all.length >= 3);
  const edits = all.slice(0, 2).map((source) => ({ source, target: composeTarget(source, { gains: { global: 2 }, head: 1.3 }) }));
  const r = await warp.render(image, edits[0]!.source, edits[0]!.target, undefined, pinsFor(all, [0, 1]), edits.slice(1));
  await keep('sample3-two-heads.png', r.image);
  const bands = await Promise.all(edits.map(async (e) => regionBand(image.width, image.height, e.source, e.target, await usedRegion(image, e.source))));
  const either = bands[0]!.map((v, i) => v | bands[1]![i]!);
  assert.ok(psnrOutside(image.data, r.image.data, either).db >= 45);
  // Inside each face's own band the picture changed (both heads were warped, not only the first).
  for (const [k, band] of bands.entries()) {
    const only = band.map((v) => 1 - v);
    assert.ok(psnrOutside(image.data, r.image.data, only).db < 30, `face ${k} unchanged`);
  }
});
