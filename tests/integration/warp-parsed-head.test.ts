/**
 * The head region from the face parser on the demo photos (issue #13 item 1, parsed-head.ts),
 * with the built parser (`npm run -s models -- parsing`): the head parse's wide crop labels hair
 * that the parser's own CelebA framing cuts off, the region holds the face, and its bounds hold
 * its alpha. PARSED_HEAD_PNG=dir writes each face's region over the photo (estimate | parsed).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage, encodePng, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { parseFace } from '../../electron/services/faces/parse.js';
import { cropLabels, HEAD_PARSE_SCALE, parseHead } from '../../electron/services/warp/parsed-head.js';
import { PARSING_CLASSES } from '../../electron/services/faces/parsing-classes.js';
import { landmarkHead, type HeadRegion, type PixelBox } from '../../electron/services/warp/head.js';

const inference = new InferenceService();
after(() => inference.dispose());
const faces = new FaceService(inference);
const PNG_DIR = process.env.PARSED_HEAD_PNG;
const HAIR = PARSING_CLASSES.indexOf('hair');

/** The regions' alpha tinted red over the photo, side by side, on `box`. */
async function keep(name: string, img: RgbImage, regions: HeadRegion[], box: PixelBox): Promise<void> {
  if (!PNG_DIR) return;
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const out = new Uint8Array(w * regions.length * h * 3);
  regions.forEach((r, k) => {
    const a = r.alpha(box).data;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = ((y0 + y) * img.width + x0 + x) * 3;
        const o = (y * w * regions.length + k * w + x) * 3;
        const t = 0.5 * a[y * w + x]!;
        out.set([img.data[i]! * (1 - t) + 255 * t, img.data[i + 1]! * (1 - t), img.data[i + 2]! * (1 - t)], o);
      }
    }
  });
  mkdirSync(PNG_DIR, { recursive: true });
  writeFileSync(path.join(PNG_DIR, name), await encodePng({ width: w * regions.length, height: h, data: out }));
}

test('the head parse labels the hair the CelebA crop cuts off, holds the face, and its bounds hold its alpha', async () => {
  let beyond = 0;
  let heads = 0;
  for (const s of [1, 2, 3, 4, 5, 6]) {
    const img = await decodeImage(readFileSync(`node_modules/@vladmandic/face-api/demo/sample${s}.jpg`));
    for (const [k, f] of (await faces.detect(img)).faces.entries()) {
      const what = `sample${s} face ${k}`;
      const region = await parseHead(inference, img, f.landmarks);
      const [bx0, by0, bx1, by1] = region.bounds();
      const box: PixelBox = [Math.max(0, bx0), Math.max(0, by0), Math.min(img.width, bx1), Math.min(img.height, by1)];
      const w = box[2] - box[0];
      const a = region.alpha(box).data;
      const at = ([x, y]: readonly [number, number]) => a[(Math.floor(y) - box[1]) * w + Math.floor(x) - box[0]]!;
      await keep(`sample${s}-face${k}.png`, img, [landmarkHead(f.landmarks), region], box);
      for (const i of [27, 30, 33, 39, 42, 51]) assert.ok(at(f.landmarks[i]!) > 0.9, `${what}: landmark ${i} in the head (${at(f.landmarks[i]!)})`);
      // Nothing of the region outside its bounds: the crop a bit larger than the bounds holds no alpha beyond them.
      const wide: PixelBox = [Math.max(0, bx0 - 20), Math.max(0, by0 - 20), Math.min(img.width, bx1 + 20), Math.min(img.height, by1 + 20)];
      const all = region.alpha(wide).data.reduce((t, v) => t + v, 0);
      assert.ok(Math.abs(all - a.reduce((t, v) => t + v, 0)) < 1e-3 * all, `${what}: alpha outside the bounds`);
      // Head pixels (alpha > ½) labelled hair by the head parse where the parser's own framing did not look.
      const tight = cropLabels(await parseFace(inference, img, f.landmarks));
      const wideLabels = cropLabels(await parseFace(inference, img, f.landmarks, HEAD_PARSE_SCALE));
      let head = 0;
      let unseen = 0;
      for (let y = box[1]; y < box[3]; y++) {
        for (let x = box[0]; x < box[2]; x++) {
          if (a[(y - box[1]) * w + x - box[0]]! <= 0.5) continue;
          head++;
          if (tight(x, y) < 0 && wideLabels(x, y) === HAIR) unseen++;
        }
      }
      heads++;
      if (unseen > 0.05 * head) beyond++;
    }
  }
  // The demo photos' long and voluminous hair runs past the tight crop (measured: 6–32 % of the
  // head is hair the tight crop did not see on 20 of the 22 faces, 2 and 5 % on the other two).
  assert.ok(beyond >= heads / 2, `${beyond} of ${heads} heads reach more than 5 % beyond the parser's own crop`);
});
