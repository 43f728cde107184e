/** The dense warp model under ONNX Runtime on the demo photos and on odd synthetic images. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage, fitWithin, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { applyMapping, warpImage } from '../../electron/services/warp/engine.js';
import { fitMapping } from '../../electron/services/warp/mapping.js';
import type { Point } from '../../common/geometry.js';
import { psnr, referenceWarp } from './warp-reference.js';

const inference = new InferenceService();
after(() => inference.dispose());
const demo = (i: number) => `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`;

/** A face-sized ring of points in the middle of the image, and a target that pulls it about. */
function ring(w: number, h: number, r: number, n = 12): Point[] {
  return Array.from({ length: n }, (_, i): Point => [w / 2 + r * Math.cos((2 * Math.PI * i) / n), h / 2 + r * Math.sin((2 * Math.PI * i) / n)]);
}

test('identity warp reproduces every demo photo (PSNR ≥ 48 dB)', async () => {
  for (let i = 1; i <= 6; i++) {
    const img = await decodeImage(readFileSync(demo(i)));
    const pts = ring(img.width, img.height, Math.min(img.width, img.height) / 5);
    const r = await warpImage(inference, img, pts, pts);
    assert.equal(r.folded, false);
    const p = psnr(img, r.image);
    assert.ok(p >= 48, `sample${i}: ${p.toFixed(1)} dB`);
  }
});

test('the model agrees with an exact per-pixel TPS warp', async () => {
  // A face-like edit (widen by 30%, shift 5 px). The coarse grid's error grows where neighbouring
  // control points move in opposite directions a few pixels apart (README.md: up to 3 px there).
  const img = await fitWithin(await decodeImage(readFileSync(demo(2))), 256);
  const src = ring(img.width, img.height, 50);
  const tgt = src.map(([x, y]): Point => [img.width / 2 + 1.3 * (x - img.width / 2) + 5, y]);
  const m = fitMapping(img.width, img.height, src, tgt);
  const onnx = await applyMapping(inference, img, m);
  const ref = referenceWarp(img, m);
  let maxDiff = 0;
  for (let i = 0; i < ref.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ref.data[i]! - onnx.data[i]!));
  assert.ok(psnr(ref, onnx) > 48, `PSNR vs reference ${psnr(ref, onnx).toFixed(1)} dB`);
  assert.ok(maxDiff <= 16, `max pixel difference ${maxDiff}`);
  // and it really moved something
  assert.ok(psnr(img, onnx) < 40);
});

test('a warp moves content near the drag and leaves far corners and the border alone', async () => {
  const w = 300;
  const h = 200;
  // A gradient image so any displacement changes pixel values.
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x % 256, y, (x + y) % 256], (y * w + x) * 3);
  const img = { width: w, height: h, data };
  const src = ring(w, h, 40);
  const tgt = src.map(([x, y]): Point => [x + 10, y]);
  const r = await warpImage(inference, img, src, tgt);
  const px = (im: RgbImage, x: number, y: number) => Array.from(im.data.subarray((y * w + x) * 3, (y * w + x) * 3 + 3));
  assert.notDeepEqual(px(r.image, 160, 100), px(img, 160, 100));
  for (const [x, y] of [[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1], [150, 0], [0, 100]] as const) {
    assert.deepEqual(px(r.image, x, y), px(img, x, y), `(${x}, ${y})`);
  }
});

test('odd sizes warp without error; too small, mismatched or non-finite input is refused', async () => {
  for (const [w, h] of [[2, 2], [3, 7], [1001, 3], [17, 1200]] as const) {
    const raw = await sharp({ create: { width: w, height: h, channels: 3, background: '#3a7' } }).raw().toBuffer();
    const img = { width: w, height: h, data: new Uint8Array(raw) };
    const pts: Point[] = [[w / 2, h / 2]];
    const r = await warpImage(inference, img, pts, [[w / 2 + 0.3, h / 2]]);
    assert.equal(r.image.data.length, w * h * 3);
    assert.equal(psnr(img, r.image), Infinity); // flat colour stays flat
  }
  const tiny = { width: 1, height: 5, data: new Uint8Array(15) };
  await assert.rejects(warpImage(inference, tiny, [[0, 0]], [[0, 1]]), /too small/);
  const img = { width: 8, height: 8, data: new Uint8Array(192) };
  await assert.rejects(warpImage(inference, img, [[1, 1]], []), /as many target points/);
  await assert.rejects(warpImage(inference, img, [[1, 1]], [[NaN, 1]]), /finite/);
});
