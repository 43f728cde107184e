/** Group photos: warping one face must leave the others where they are. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { composeTarget, DEFAULT_EXAGGERATION } from '../../common/warp/compose.js';
import { safeMapping } from '../../electron/services/warp/folds.js';
import { PIN_POINTS, pinsFor } from '../../electron/services/warp/pins.js';
import { evalTps } from '../../electron/services/warp/tps.js';
import type { Mapping } from '../../electron/services/warp/mapping.js';
import type { Point } from '../../common/geometry.js';

const inference = new InferenceService();
after(() => inference.dispose());
const faces = new FaceService(inference);

const drift = (m: Mapping, pts: readonly Point[]) =>
  Math.max(...pts.map(([x, y]) => {
    const [u, v] = evalTps(m.tps, x / m.norm, y / m.norm);
    return Math.hypot(u * m.norm - x, v * m.norm - y);
  }));

test('pinsFor takes 20 points of every other face', () => {
  const a = Array.from({ length: 68 }, (_, i): Point => [i, 0]);
  const b = Array.from({ length: 68 }, (_, i): Point => [i, 1]);
  const pins = pinsFor([a, b], 0);
  assert.equal(pins.length, PIN_POINTS.length);
  assert.deepEqual(pins[0], [0, 1]);
  assert.deepEqual(pinsFor([a], 0), []);
});

test('exaggerating one face of a group photo (default strength) moves the other faces by under a pixel (many without pins)', async () => {
  for (const i of [4, 6]) {
    const image = await decodeImage(readFileSync(`node_modules/@vladmandic/face-api/demo/sample${i}.jpg`));
    const all = (await faces.detect(image)).faces.map((f) => f.landmarks);
    assert.ok(all.length >= 3);
    const src = all[0]!;
    const tgt = composeTarget(src, { gains: { global: DEFAULT_EXAGGERATION } });
    const others = all.slice(1).flat();
    const free = drift(safeMapping(image.width, image.height, src, tgt).mapping, others);
    const held = drift(safeMapping(image.width, image.height, src, tgt, pinsFor(all, 0)).mapping, others);
    assert.ok(free > 10, `sample${i}: without pins the others drift ${free.toFixed(1)} px`);
    assert.ok(held < 1, `sample${i}: with pins the others drift ${held.toFixed(2)} px`);
  }
});
