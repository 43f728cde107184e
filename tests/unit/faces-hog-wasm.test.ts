/**
 * The HOG detector's WebAssembly loops (faces/hog/down-wasm.ts, fhog-wasm.ts, scan-wasm.ts)
 * against the JavaScript loops they replaced, kept here as references: on a demo photo, the
 * pyramid's pixels, the gradient histograms and every detector's scores are the same to the bit
 * (their float32 rounding is what makes the port's scores dlib's: faces-hog.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MODELS_DIR } from '../../build/recipes/manifest.js';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { cropRgb } from '../../electron/services/faces/crop.js';
import { loadHogModel } from '../../electron/services/faces/hog/load.js';
import { downStep, pyramidDown, pyramidDownPart, type DownStep } from '../../electron/services/faces/hog/pyramid.js';
import { cellGrid, columnVotes, extractFhog, gradientHistograms, orientations, rowVotes } from '../../electron/services/faces/hog/fhog.js';
import { saliency, validArea } from '../../electron/services/faces/hog/scan.js';
import { FHOG_PLANES, type HogDetector } from '../../electron/services/faces/hog/model.js';
import type { Fhog } from '../../electron/services/faces/hog/fhog.js';

const f = Math.fround;
const photo = decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg'));

/** Bit equality, −0 and NaN included. */
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));

/** The step as pyramid.ts computed it in JavaScript: dlib's float32 SIMD columns, then its double ones. */
function referenceDown(src: RgbImage, { outW, outH, cols, rows }: DownStep): Uint8Array {
  const out = new Uint8Array(outW * outH * 3);
  const data = src.data;
  const stride = src.width * 3;
  for (let r = 0; r < outH; r++) {
    const tb = rows.frac[r]!;
    const [tbF, invTbF] = [f(tb), f(1 - tb)];
    const [top, bottom] = [rows.top[r]! * stride, rows.bottom[r]! * stride];
    for (let c = 0, o = r * outW * 3; c < outW; c++, o += 3) {
      for (let ch = 0; ch < 3; ch++) {
        const [tl, tr, bl, br] = [top + cols.left[c]! * 3 + ch, top + cols.right[c]! * 3 + ch, bottom + cols.left[c]! * 3 + ch, bottom + cols.right[c]! * 3 + ch];
        if (c < cols.simdEnd) {
          const [lr, invLr] = [cols.fracF[c]!, cols.invFracF[c]!];
          out[o + ch] = f(f(f(f(f(invTbF * invLr) * data[tl]!) + f(f(invTbF * lr) * data[tr]!)) + f(f(tbF * invLr) * data[bl]!)) + f(f(tbF * lr) * data[br]!));
        } else {
          const lr = cols.frac[c]!;
          out[o + ch] = Math.trunc((1 - tb) * ((1 - lr) * data[tl]! + lr * data[tr]!) + tb * ((1 - lr) * data[bl]! + lr * data[br]!));
        }
      }
    }
  }
  return out;
}

test('pyramid: the WebAssembly step gives the JavaScript loop\'s pixels, whole and on parts (both column loops, odd sizes)', async () => {
  const level0 = await photo;
  const level1 = pyramidDown(level0);
  assert.ok(same(level1.data, referenceDown(level0, downStep(level0.width, level0.height))), 'level 1 differs');
  const step = downStep(level1.width, level1.height); // 1600 × 1066 → 1333 × 888
  const whole = referenceDown(level1, step);
  assert.ok(same(pyramidDown(level1).data, whole), 'level 2 differs');
  // Parts starting off the 4-column grid and ending at the image's right edge (the double columns).
  for (const [x0, y0, x1, y1] of [[3, 5, 230, 97], [1290, 700, step.outW, step.outH]] as const) {
    const got = pyramidDownPart(level1, 0, 0, step, [x0, y0, x1, y1]);
    const want = cropRgb({ width: step.outW, height: step.outH, data: whole }, [x0, y0, x1 - x0, y1 - y0]);
    assert.ok(same(got.data, want.data), `part ${[x0, y0, x1, y1]} differs`);
  }
});

/** The histogram loop as fhog.ts ran it in JavaScript (Math.fround where dlib rounds to float). */
function referenceHistograms(img: RgbImage, cellSize: number): Float32Array {
  const { cellsNr, histCols, visibleNr, visibleNc } = cellGrid(img.width, img.height, cellSize);
  const hist = new Float32Array((cellsNr + 2) * histCols * 18);
  const cols = columnVotes(visibleNc, cellSize);
  const { rowTop, vy0, vy1 } = rowVotes(visibleNr, cellSize, histCols);
  const table = orientations();
  const { data } = img;
  const stride = img.width * 3;
  for (let y = 1; y < visibleNr; y++) {
    for (let x = 1; x < visibleNc; x++) {
      const p = y * stride + x * 3;
      const grads = [0, 1, 2].map((ch) => [data[p + 3 + ch]! - data[p - 3 + ch]!, data[p + stride + ch]! - data[p - stride + ch]!] as const);
      const len = grads.map(([dx, dy]) => dx * dx + dy * dy);
      const simd = x < cols.simdEnd;
      // dlib's SIMD columns give a tie to the later colour, its scalar ones to the earlier.
      let best = 0;
      for (const k of [1, 2]) if (simd ? len[k]! >= len[best]! : len[k]! > len[best]!) best = k;
      const [dx, dy] = grads[best]!;
      const v = f(Math.sqrt(len[best]!));
      const c0 = rowTop[y]! + cols.first[x]! * 18 + table[(dy + 255) * 511 + dx + 255]!;
      const below = histCols * 18;
      const [w0, w1] = [cols.w0[x]!, cols.w1[x]!];
      const votes = simd
        ? [f(vy1[y]! * f(w1 * v)), f(vy0[y]! * f(w1 * v)), f(vy1[y]! * f(w0 * v)), f(vy0[y]! * f(w0 * v))]
        : [f(f(vy1[y]! * w1) * v), f(f(vy0[y]! * w1) * v), f(f(vy1[y]! * w0) * v), f(f(vy0[y]! * w0) * v)];
      [c0, c0 + below, c0 + 18, c0 + below + 18].forEach((at, k) => (hist[at] = hist[at]! + votes[k]!));
    }
  }
  return hist;
}

test('fhog: the WebAssembly histograms are the JavaScript loop\'s, SIMD and scalar columns', async () => {
  const img = await photo;
  // Widths whose last columns dlib runs one by one (visible − 1 not a multiple of 8 past column 1).
  for (const [x, y, w, h] of [[300, 300, 168, 168], [700, 400, 141, 139], [0, 0, 1001, 777]] as const) {
    const crop = cropRgb(img, [x, y, w, h]);
    assert.ok(same(gradientHistograms(crop, 8), referenceHistograms(crop, 8)), `crop ${w}×${h} differs`);
  }
});

/** The separable scan as scan.ts ran it in JavaScript: rows then columns, sums in double, stored in float32. */
function referenceSaliency(fh: Fhog, det: HogDetector): Float32Array {
  const { rows, cols } = fh;
  const size = rows * cols;
  const out = new Float32Array(size);
  const tmp = new Float32Array(size);
  const { top, bottom, left, right } = validArea(fh, 10, 10);
  for (let p = 0; p < FHOG_PLANES; p++) {
    const plane = fh.planes.subarray(p * size, (p + 1) * size);
    for (const { row, col } of det.planes[p]!) {
      for (let r = 0; r < rows; r++) {
        for (let c = left; c < right; c++) {
          let s = plane[r * cols + c - left]! * row[0]!;
          for (let n = 1; n < 10; n++) s += plane[r * cols + c - left + n]! * row[n]!;
          tmp[r * cols + c] = s;
        }
      }
      for (let r = top; r < bottom; r++) {
        for (let c = left; c < right; c++) {
          let s = tmp[(r - top) * cols + c]! * col[0]!;
          for (let m = 1; m < 10; m++) s += tmp[(r - top + m) * cols + c]! * col[m]!;
          out[r * cols + c] = out[r * cols + c]! + f(s);
        }
      }
    }
  }
  return out;
}

test('scan: every detector\'s WebAssembly scores are the JavaScript passes\' (odd and even spans)', async () => {
  const model = await loadHogModel(MODELS_DIR);
  const img = await photo;
  for (const [x, y, w, h] of [[330, 330, 216, 216], [800, 440, 192, 176]] as const) {
    const fh = extractFhog(cropRgb(img, [x, y, w, h]), model.cellSize, model.filterHeight, model.filterWidth);
    for (const det of model.detectors) assert.ok(same(saliency(fh, det, 10, 10), referenceSaliency(fh, det)), `crop ${w}×${h}: scores differ`);
  }
});
