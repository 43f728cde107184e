/**
 * The example-based style keeps the photo's faces readable on the app's own paths: the style:render
 * handler and the `style` CLI command detect the faces and pass their weight. Demo sample3 with the
 * four-colour poster is a pair the detector lost without it (style-detect.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { styleHandlers } from '../../electron/hosts/handlers/style.js';
import { styleChannels } from '../../common/ipc/channels/style.js';
import { styleCommand } from '../../electron/hosts/cli/commands/style.js';
import { decodeImage, encodePng, fitWithin, type RgbImage } from '../../electron/services/images/decode.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { detectSsd } from '../../electron/services/faces/ssd.js';
import type { Box } from '../../common/geometry.js';
import { embedArtwork, embeddingToJson } from '../../electron/services/style/embedding.js';
import { faceWeight } from '../../electron/services/style/face-weight.js';
import { generatedArtworks } from './style-artworks.js';
import { handlerContext } from './handler-context.js';

const { services, ctx, dir } = handlerContext('style-faces');
const SIDE = 640;
const bytes = new Uint8Array(await encodePng(await fitWithin(await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample3.jpg')), SIDE)));
const photo = await ctx.photos.open(bytes, 'sample3.png');
const plain = await detectFaces(services.inference, photo.image);
const [, poster] = generatedArtworks()[1]!;
const embedding = await embedArtwork(services.inference, poster);

function iou(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  const inter = Math.max(0, w) * Math.max(0, h);
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

/**
 * SSD's score for the largest face on a styled image (0 if not boxed at IoU ≥ 0.5). Measured: 0.46
 * with the default (dlib) landmarks' face weight, 0.56 with face-api's (their face polygons differ a
 * little: dlib's jaw runs lower), not found even at 0.1 without a face weight. The bar is 0.4, below
 * SSD's own 0.5, because the weight's point is to lift the face from nothing to near it.
 */
async function largestFaceScore(img: RgbImage): Promise<number> {
  const { detections } = await detectSsd(services.inference, img, { minConfidence: 0.1 });
  return Math.max(0, ...detections.filter((d) => iou(d.box, plain.faces[0]!.box) >= 0.5).map((d) => d.score));
}
const MIN_SCORE = 0.4;

test('style:render with an artwork: the faces are weighted, the largest is boxed again, the rest barely moves', async () => {
  const req = styleChannels['style:render'].request.parse({ photoId: photo.id, embedding: embeddingToJson(embedding), strength: 1, preserveColor: false, region: 'whole' });
  const out = await styleHandlers['style:render'](req, ctx);
  const styled = await decodeImage(out.image);
  assert.deepEqual([styled.width, styled.height], [photo.image.width, photo.image.height]);
  const best = await largestFaceScore(styled);
  assert.ok(best >= MIN_SCORE, `largest face SSD score ${best.toFixed(2)}`);
  // The same style with no face weight: only the faces differ much (the whole-image statistics of
  // the structure term move a little everywhere).
  const bare = await services.style.render(photo.image, { source: { kind: 'example', embedding }, strength: 1, preserveColor: false, region: 'whole' });
  const w = faceWeight(plain.faces.map((f) => f.landmarks), photo.image.width, photo.image.height)!;
  let [inside, nIn, outside, nOut] = [0, 0, 0, 0];
  for (let i = 0; i < w.length; i++) {
    const d = Math.abs(styled.data[3 * i]! - bare.data[3 * i]!) + Math.abs(styled.data[3 * i + 1]! - bare.data[3 * i + 1]!) + Math.abs(styled.data[3 * i + 2]! - bare.data[3 * i + 2]!);
    if (w[i]! > 0.99) [inside, nIn] = [inside + d / 3, nIn + 1];
    else if (w[i] === 0) [outside, nOut] = [outside + d / 3, nOut + 1];
  }
  assert.ok(nIn > 0 && nOut > 0);
  assert.ok(inside / nIn > 10, `inside the faces the weight changes the render by ${(inside / nIn).toFixed(1)} grey levels`);
  assert.ok(outside / nOut < 1, `away from the faces it changes by ${(outside / nOut).toFixed(2)} grey levels`);
});

// The CLI renders an artwork file with its marks by default: under them the face keeps the colour grade where the
// artwork's guide loses the sitter's features, as this poster's does (synthesis/face-under.ts: share 0 here).
test('CLI style <image> --style <artwork>: the largest face is boxed on the output', async () => {
  const input = path.join(dir, 'photo.png');
  const artwork = path.join(dir, 'poster.png');
  const target = path.join(dir, 'out.png');
  await sharp(bytes).toFile(input);
  await sharp(poster.data, { raw: { width: poster.width, height: poster.height, channels: 3 } }).png().toFile(artwork);
  await styleCommand.run([input, '--style', artwork, '-o', target], { services, stdout: () => undefined, stderr: () => undefined });
  const best = await largestFaceScore(await decodeImage(readFileSync(target)));
  assert.ok(best >= MIN_SCORE, `largest face SSD score ${best.toFixed(2)}`);
});
