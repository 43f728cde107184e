/**
 * The head layer takes its region from the face parser where the parser can run (issue #13
 * item 1; WarpService → parsed-head.ts), parses once per photo size and face however many
 * previews a drag sends, and falls back to the landmark estimate under "Only models cleared for
 * commercial use". Real ONNX Runtime, the built parser (`npm run -s models -- parsing`), sample6
 * (long hair that the estimate's ellipse misses).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { warpHeads } from '../../electron/services/warp/head-warp.js';
import { headBackground } from '../../electron/services/warp/head-layer.js';
import { landmarkHead, type HeadRegion } from '../../electron/services/warp/head.js';
import { parseHead } from '../../electron/services/warp/parsed-head.js';
import { PARSING_MODEL } from '../../electron/services/faces/parsing-classes.js';
import { composeTarget } from '../../common/warp/compose.js';
import type { Points } from '../../common/geometry.js';

const inference = new InferenceService();
after(() => inference.dispose());
const faces = new FaceService(inference);

/** The head layer with a given region, as the service would run it. */
async function layered(image: RgbImage, source: Points, target: Points, region: HeadRegion): Promise<Uint8Array> {
  const bg = headBackground(image, region);
  return (await warpHeads(inference, image, [{ source, target, bounds: region.bounds() }], () => bg)).image.data;
}

const differ = (a: Uint8Array, b: Uint8Array) => a.some((v, i) => v !== b[i]);

test('the warp uses the parsed head region where the parser runs, parses once per face for a drag, and the landmark estimate when the parser is not cleared', async () => {
  const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample6.jpg'));
  const source = (await faces.landmarksOf(image))[0]!;
  const target = composeTarget(source, { gains: { global: 3 }, head: 1.4 });
  const parsed = await layered(image, source, target, await parseHead(inference, image, source));
  const estimated = await layered(image, source, target, landmarkHead(source));
  assert.ok(differ(parsed, estimated), 'the two regions give the same picture: the test could not tell them apart');

  // Count the parser's runs through the real inference service.
  const run = inference.run.bind(inference);
  let parses = 0;
  inference.run = (name, feeds) => {
    if (name === PARSING_MODEL) parses++;
    return run(name, feeds);
  };
  const warp = new WarpService(inference);
  const first = await warp.render(image, source, target);
  assert.ok(!differ(first.image.data, parsed), 'the service did not warp the parsed head region');
  // A drag: more previews of the same face, at other strengths.
  for (const k of [2, 2.5]) await warp.render(image, source, composeTarget(source, { gains: { global: k }, head: 1.4 }));
  assert.equal(parses, 1, 'the parser ran again for a drag of the same face');

  inference.setCommercialOnly(true);
  try {
    const commercial = await warp.render(image, source, target);
    assert.ok(!differ(commercial.image.data, estimated), 'under "Only models cleared for commercial use" the warp did not fall back to the landmark estimate');
    assert.equal(parses, 1);
  } finally {
    inference.setCommercialOnly(false);
  }
});
