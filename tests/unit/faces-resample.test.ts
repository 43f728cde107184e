import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centredSquare, resizeSquare, type SquareCrop } from '../../electron/services/faces/resample.js';
import type { RgbImage } from '../../electron/services/images/decode.js';

/** w×h image whose red channel is 10·x + y, green = 100, blue = x. */
function ramp(w: number, h: number): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([10 * x + y, 100, x], (y * w + x) * 3);
  return { width: w, height: h, data };
}

test('centredSquare pads the minor axis with round(d/2) after and the rest before (face-api padToSquare)', () => {
  assert.deepEqual(centredSquare(5, 6, 10, 7), { x: 5, y: 6, width: 10, height: 7, side: 10, padLeft: 0, padTop: 1 });
  assert.deepEqual(centredSquare(0, 0, 4, 9), { x: 0, y: 0, width: 4, height: 9, side: 9, padLeft: 2, padTop: 0 });
  assert.deepEqual(centredSquare(0, 0, 8, 8).padLeft, 0);
});

test('same-size resize copies the crop and zero-fills the padding', () => {
  const img = ramp(6, 4);
  const out = new Float32Array(4 * 4 * 3);
  // 4×3 crop at (1,1), one zero row before (square side 4)
  resizeSquare(img, { x: 1, y: 1, width: 4, height: 3, padLeft: 0, padTop: 1, side: 4 }, 4, out);
  for (let c = 0; c < 4; c++) assert.deepEqual(Array.from(out.slice(c * 3, c * 3 + 3)), [0, 0, 0]);
  for (let r = 1; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const x = 1 + c;
      const y = r; // 1 + (r − 1)
      assert.deepEqual(Array.from(out.slice((r * 4 + c) * 3, (r * 4 + c) * 3 + 3)), [10 * x + y, 100, x]);
    }
  }
});

test('upsampling uses the asymmetric mapping (src = dst · in/out) and clamps the last neighbour', () => {
  const img = ramp(2, 2);
  const out = new Float32Array(4 * 4 * 3);
  resizeSquare(img, { x: 0, y: 0, width: 2, height: 2, padLeft: 0, padTop: 0, side: 2 }, 4, out);
  const red = (r: number, c: number) => out[(r * 4 + c) * 3]!;
  // src x = c / 2: 0, 0.5, 1, 1.5 → clamps to 1 at the end; red = 10·x + y
  assert.deepEqual([0, 1, 2, 3].map((c) => red(0, c)), [0, 5, 10, 10]);
  assert.deepEqual([0, 1, 2, 3].map((r) => red(r, 0)), [0, 0.5, 1, 1]);
  assert.equal(red(1, 1), 5.5);
});

test('downsampling by 2 picks every other pixel (no smoothing, as tfjs)', () => {
  const img = ramp(8, 8);
  const out = new Float32Array(4 * 4 * 3);
  resizeSquare(img, { x: 0, y: 0, width: 8, height: 8, padLeft: 0, padTop: 0, side: 8 }, 4, out, 0);
  assert.equal(out[(1 * 4 + 2) * 3], 10 * 4 + 2);
});

test('writes at an offset without touching the rest of the batch tensor', () => {
  const img = ramp(3, 3);
  const out = new Float32Array(2 * 3 * 3 * 3).fill(-1);
  resizeSquare(img, { x: 0, y: 0, width: 3, height: 3, padLeft: 0, padTop: 0, side: 3 }, 3, out, 27);
  assert.ok(out.slice(0, 27).every((v) => v === -1));
  assert.equal(out[27 + 2 * 3], 10 * 2);
});

/** The resize by its definition, one pixel at a time in double precision: what the WebAssembly rows must give. */
function scalarResize(img: RgbImage, crop: SquareCrop, size: number): Float64Array {
  const out = new Float64Array(size * size * 3);
  const scale = Math.fround(crop.side / size);
  const at = (sx: number, sy: number, ch: number): number => {
    const [x, y] = [sx - crop.padLeft, sy - crop.padTop];
    return x >= 0 && x < crop.width && y >= 0 && y < crop.height ? img.data[((crop.y + y) * img.width + crop.x + x) * 3 + ch]! : 0;
  };
  for (let r = 0; r < size; r++) {
    const sy = Math.fround(scale * r);
    const [y0, y1, fy] = [Math.floor(sy), Math.min(crop.side - 1, Math.ceil(sy)), Math.fround(sy - Math.floor(sy))];
    for (let c = 0; c < size; c++) {
      const sx = Math.fround(scale * c);
      const [x0, x1, fx] = [Math.floor(sx), Math.min(crop.side - 1, Math.ceil(sx)), Math.fround(sx - Math.floor(sx))];
      for (let ch = 0; ch < 3; ch++) {
        const top = at(x0, y0, ch) + (at(x1, y0, ch) - at(x0, y0, ch)) * fx;
        const bottom = at(x0, y1, ch) + (at(x1, y1, ch) - at(x0, y1, ch)) * fx;
        out[(r * size + c) * 3 + ch] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}

test('the WebAssembly rows give the resize by its definition within a float32 rounding, for crops padded on every side', () => {
  // An odd width, so a row's last pixel is the image's last bytes; values that use all 8 bits.
  const img: RgbImage = { width: 101, height: 67, data: Uint8Array.from({ length: 101 * 67 * 3 }, (_, i) => (i * 7919) % 256) };
  const crops: SquareCrop[] = [
    { x: 0, y: 0, width: 101, height: 67, padLeft: 0, padTop: 0, side: 101 }, // a detector's square: padding below
    centredSquare(10, 5, 40, 60), // padding left and right
    centredSquare(61, 0, 40, 30), // padding above and below, the crop at the image's right edge
  ];
  for (const crop of crops) {
    for (const size of [7, 64, 150]) {
      const out = new Float32Array(size * size * 3 + 2).fill(-1);
      resizeSquare(img, crop, size, out, 1);
      const want = scalarResize(img, crop, size);
      let worst = 0;
      want.forEach((v, i) => (worst = Math.max(worst, Math.abs(out[i + 1]! - v))));
      assert.ok(worst <= 255 * 2 ** -23, `crop ${JSON.stringify(crop)} at ${size}²: off by up to ${worst}`);
      assert.equal(out[0], -1);
      assert.equal(out[out.length - 1], -1);
    }
  }
});
