/**
 * The fold screen that the warp graph evaluates along with the warp (engine.ts): its det J agrees
 * with the float64 one in TypeScript, and warpImage() gives exactly what safeMapping() then
 * applyMapping() give, for an edit that the screen clears, one it does not clear but that does not
 * fold, and one that folds.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage, fitWithin } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { applyMapping, warpGraph, warpImage } from '../../electron/services/warp/engine.js';
import { CLEAR_JACOBIAN, safeMapping, screenSamples } from '../../electron/services/warp/folds.js';
import { fitMapping } from '../../electron/services/warp/mapping.js';
import { jacobianDet } from '../../electron/services/warp/tps.js';
import type { Point } from '../../common/geometry.js';

const inference = new InferenceService();
after(() => inference.dispose());

const ring = (cx: number, cy: number, r: number): Point[] => Array.from({ length: 10 }, (_, i): Point => [cx + r * Math.cos(i * 0.628), cy + r * Math.sin(i * 0.628)]);

test('det J from the graph matches jacobianDet at the screen samples', async () => {
  const img = await fitWithin(await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg')), 400);
  const c = ring(img.width / 2, img.height / 2, 60);
  const src: Point[] = [...c, [img.width / 2 - 10, img.height / 2], [img.width / 2 + 10, img.height / 2]];
  const tgt: Point[] = [...c, [img.width / 2 - 25, img.height / 2 + 4], [img.width / 2 + 22, img.height / 2 - 3]];
  const m = fitMapping(img.width, img.height, src, tgt);
  const probes = screenSamples(m, src, tgt);
  assert.ok(probes.length > 500);
  const { jacobian } = await warpGraph(inference, img, m, probes);
  assert.equal(jacobian.length, probes.length);
  let worst = 0;
  probes.forEach(([x, y], i) => (worst = Math.max(worst, Math.abs(jacobian[i]! - jacobianDet(m.tps, x / m.norm, y / m.norm)))));
  assert.ok(worst < 1e-3, `max |det J error| ${worst}`);
});

test('warpImage equals safeMapping + applyMapping whether the screen clears the edit or not', async () => {
  const W = 400;
  const H = 300;
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set([x % 256, y % 256, (3 * x + y) % 256], (y * W + x) * 3);
  const img = { width: W, height: H, data };
  const c = ring(200, 150, 80);
  const cases: Array<[string, Point[], Point[]]> = [
    ['gentle', [...c, [200, 150]], [...c, [206, 146]]],
    // a strong stretch (10 px pulled to 40): det J dips below the screen's margin, stays positive
    ['stretch', [...c, [195, 150], [205, 150]], [...c, [180, 150], [220, 150]]],
    ['fold', [...c, [190, 150], [210, 150], [300, 230]], [...c, [225, 150], [175, 150], [306, 233]]],
  ];
  const cleared: boolean[] = [];
  for (const [name, src, tgt] of cases) {
    const fitted = fitMapping(W, H, src, tgt);
    cleared.push(screenSamples(fitted, src, tgt).every(([x, y]) => jacobianDet(fitted.tps, x / fitted.norm, y / fitted.norm) > CLEAR_JACOBIAN));
    const want = safeMapping(W, H, src, tgt);
    const got = await warpImage(inference, img, src, tgt);
    assert.deepEqual([got.folded, got.blend, got.scaledBack, got.target], [want.folded, want.blend, want.scaledBack, want.target], name);
    assert.deepEqual(got.image.data, (await applyMapping(inference, img, want.mapping)).data, name);
  }
  // the three cases take the three paths: cleared by the screen, full check, prevention
  assert.deepEqual(cleared, [true, false, false]);
  assert.deepEqual(
    cases.map(([, src, tgt]) => safeMapping(W, H, src, tgt).folded),
    [false, false, true],
  );
});
