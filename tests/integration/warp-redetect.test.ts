/**
 * Acceptance (issues #4, #13) on the six demo photos: the identity warp reproduces the photo, and
 * landmarks re-detected on a k = 1.5 exaggeration (head layer, as the app renders it) land on the
 * targets: NME (mean point error over the outer-eye-corner distance) ≤ 0.035 on every face, with
 * the app's default landmarks ('auto' detector) for the source and the re-detection.
 *
 * Since the pose-free reference (issue #13), k = 1.5 moves the landmarks by only 0.006–0.018 NME
 * (the default strength is now 2.4), so this bound says more about the landmark model's noise
 * than about the warp; at the default the re-detected NME (dlib's points: 0.010–0.033) is below the
 * edit's own size (0.016–0.044) but not near 0. Both are printed. This measures the warp itself, so the other faces of these group
 * photos are not pinned (warp-pins.test.ts covers that).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { composeTarget, DEFAULT_EXAGGERATION } from '../../common/warp/compose.js';
import { centroid, type Point } from '../../common/geometry.js';
import { psnr } from './warp-reference.js';

const inference = new InferenceService();
after(() => inference.dispose());
const faces = new FaceService(inference);
const warp = new WarpService(inference);
const demo = (i: number) => `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`;

function nme(found: readonly Point[], target: readonly Point[]): number {
  const iod = Math.hypot(target[36]![0] - target[45]![0], target[36]![1] - target[45]![1]);
  return found.reduce((s, p, i) => s + Math.hypot(p[0] - target[i]![0], p[1] - target[i]![1]), 0) / found.length / iod;
}

async function redetected(image: Parameters<WarpService['render']>[0], source: Point[], k: number) {
  const r = await warp.render(image, source, composeTarget(source, { gains: { global: k } }));
  // a fresh service: the re-detection must not be served from the photo's cache
  const found = await new FaceService(inference).landmarksOf(r.image);
  // the face nearest the target (the warp must not lose it among the others)
  const c = centroid(r.target);
  const hit = found.map((f) => ({ f, d: Math.hypot(centroid(f)[0] - c[0], centroid(f)[1] - c[1]) })).sort((a, b) => a.d - b.d)[0];
  assert.ok(hit, 'no face re-detected');
  return { error: nme(hit.f, r.target), edit: nme(source, r.target), held: r.folded ? r.blend : 1 };
}

test('identity warp with detected landmarks: PSNR ≥ 48 dB; k = 1.5 re-detected at NME ≤ 0.035 on every face', async () => {
  const scores: string[] = [];
  const strong: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const image = await decodeImage(readFileSync(demo(i)));
    const { landmarks: source } = await faces.face(image, 0);
    const same = await warp.render(image, source, source);
    assert.ok(psnr(image, same.image) >= 48, `sample${i} identity ${psnr(image, same.image).toFixed(1)} dB`);
    const e = await redetected(image, source, 1.5);
    scores.push(`sample${i} ${e.error.toFixed(4)} (edit ${e.edit.toFixed(4)})`);
    assert.ok(e.error <= 0.035, scores.join(', '));
    const d = await redetected(image, source, DEFAULT_EXAGGERATION);
    strong.push(`sample${i} ${d.error.toFixed(4)} (edit ${d.edit.toFixed(4)}${d.held < 1 ? `, held ${d.held.toFixed(2)}` : ''})`);
  }
  console.log(`NME at k = 1.5: ${scores.join(', ')}`);
  console.log(`NME at k = ${DEFAULT_EXAGGERATION} (not asserted): ${strong.join(', ')}`);
});
