/**
 * The head layer's shortcut (head-warp.ts): the warp graph evaluates det J at the very points
 * the float64 guards check (fold check, hair probes, face samples), and an edit it clears skips
 * safeHeadMapping; one it shows unfolded skips fold prevention, and the guards look first where
 * the graph saw a failure. These shortcuts must give exactly what the float64 path gives, on the
 * demo faces from a gentle edit to the slider extremes.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { warpGraph } from '../../electron/services/warp/engine.js';
import { fitHead, guardHint, headClear, headFolds, planHead, safeHeadMapping } from '../../electron/services/warp/head-layer.js';
import { pinsFor } from '../../electron/services/warp/pins.js';
import { composeTarget } from '../../common/warp/compose.js';
import { coverRgb } from '../images.js';

const inference = new InferenceService();
after(() => inference.dispose());
const faces = new FaceService(inference);

test("the graph's clearing and fold verdict give what the float64 guards give", async () => {
  const paths = { cleared: 0, unfolded: 0, folded: 0 };
  for (const s of [1, 2, 3, 4, 5, 6]) {
    const img = await coverRgb(`node_modules/@vladmandic/face-api/demo/sample${s}.jpg`, 512);
    const all = (await faces.detect(img)).faces.map((f) => f.landmarks);
    const pinned = pinsFor(all, 0);
    for (const [k, head] of [[1.5, 1], [2.4, 1.2], [3, 1.6], [1, 1.6]] as const) {
      const edit = { source: all[0]!, target: composeTarget(all[0]!, { gains: { global: k }, head }) };
      const fit = fitHead(img.width, img.height, edit, pinned);
      const [x0, y0, x1, y1] = fit.box;
      const crop = { width: x1 - x0, height: y1 - y0, data: new Uint8Array((x1 - x0) * (y1 - y0) * 4) };
      const dets = (await warpGraph(inference, crop, fit.fitted!, fit.probes)).jacobian;
      const plan = planHead(img.width, img.height, edit, pinned);
      const full = safeHeadMapping(plan, fit.fitted!);
      const what = `sample${s} k ${k} head ${head}`;
      if (headClear(dets, fit.checked, fit.hair, fit.areaScale)) {
        paths.cleared++;
        assert.equal(full.folded, false, `${what}: cleared by the graph, held back by the guards`);
        assert.equal(full.mapping, fit.fitted, what);
        continue;
      }
      if (headFolds(dets, fit.checked)) {
        paths.folded++;
        continue;
      }
      paths.unfolded++;
      // Fold prevention skipped, and the guards' first look at the graph's first failing sample.
      const skipped = safeHeadMapping(plan, fit.fitted!, true, guardHint(dets, fit.checked, fit.hair, fit.areaScale));
      assert.deepEqual([skipped.target, skipped.blend, skipped.folded, skipped.scaledBack], [full.target, full.blend, full.folded, full.scaledBack], what);
      assert.deepEqual(skipped.mapping.tps, full.mapping.tps, what);
    }
  }
  // Every path is taken somewhere, so none of the checks above is vacuous.
  assert.ok(paths.cleared > 0 && paths.unfolded > 0 && paths.folded > 0, JSON.stringify(paths));
});
