/**
 * The linear filter scan of one pyramid level: each detector's score at every window position
 * is the sum over fhog planes of the plane filtered by that plane's separable pairs (a row pass,
 * then a column pass), as dlib's float_spatially_filter_image_separable does it. Sums run in
 * double and are stored in float32, so scores agree with dlib's to ~1e-6 (dlib sums in float
 * with its own order).
 */
import type { Fhog } from './fhog.js';
import { FHOG_PLANES, FILTER_SIZE, type HogDetector } from './model.js';

/** Where a filter of this size has a full window: rows [top, bottom), cols [left, right). */
export function validArea(fh: Fhog, filterWidth: number, filterHeight: number): { top: number; bottom: number; left: number; right: number } {
  return {
    top: Math.trunc(filterHeight / 2),
    left: Math.trunc(filterWidth / 2),
    bottom: fh.rows - Math.trunc((filterHeight - 1) / 2),
    right: fh.cols - Math.trunc((filterWidth - 1) / 2),
  };
}

/** The detector's raw score (before its bias) at every position of the valid area; 0 elsewhere. */
export function saliency(fh: Fhog, det: HogDetector, filterWidth: number, filterHeight: number): Float32Array {
  if (filterWidth !== FILTER_SIZE || filterHeight !== FILTER_SIZE) throw new Error(`The HOG scan runs ${FILTER_SIZE}×${FILTER_SIZE} filters, not ${filterWidth}×${filterHeight}.`);
  const { rows, cols } = fh;
  const out = new Float32Array(rows * cols);
  const { top, bottom, left, right } = validArea(fh, filterWidth, filterHeight);
  if (bottom <= top || right <= left) return out;
  const tmp = new Float32Array(rows * cols);
  const size = rows * cols;
  for (let p = 0; p < FHOG_PLANES; p++) {
    const pairs = det.planes[p]!;
    if (pairs.length === 0) continue;
    const plane = fh.planes.subarray(p * size, (p + 1) * size);
    for (const { row: rf, col: cf } of pairs) {
      filterRows(plane, tmp, rows, cols, left, right, rf);
      filterCols(tmp, out, cols, top, bottom, left, right, cf);
    }
  }
  return out;
}

/** tmp[r][c] = Σ_n in[r][c − left + n]·taps[n] for c in [left, right); ten taps unrolled (the model holds 10×10 filters only). */
function filterRows(input: Float32Array, tmp: Float32Array, rows: number, cols: number, left: number, right: number, taps: Float32Array): void {
  const [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9] = taps as unknown as number[];
  for (let r = 0; r < rows; r++) {
    const end = r * cols + right - left;
    for (let i = r * cols, o = r * cols + left; i < end; i++, o++) {
      tmp[o] = input[i]! * w0! + input[i + 1]! * w1! + input[i + 2]! * w2! + input[i + 3]! * w3! + input[i + 4]! * w4!
        + input[i + 5]! * w5! + input[i + 6]! * w6! + input[i + 7]! * w7! + input[i + 8]! * w8! + input[i + 9]! * w9!;
    }
  }
}

/** out[r][c] += Σ_m tmp[r − top + m][c]·taps[m] for r in [top, bottom), c in [left, right). */
function filterCols(tmp: Float32Array, out: Float32Array, cols: number, top: number, bottom: number, left: number, right: number, taps: Float32Array): void {
  const [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9] = taps as unknown as number[];
  const c2 = 2 * cols, c3 = 3 * cols, c4 = 4 * cols, c5 = 5 * cols, c6 = 6 * cols, c7 = 7 * cols, c8 = 8 * cols, c9 = 9 * cols;
  for (let r = top; r < bottom; r++) {
    const end = (r - top) * cols + right;
    for (let i = (r - top) * cols + left, o = r * cols + left; i < end; i++, o++) {
      out[o] = out[o]! + Math.fround(tmp[i]! * w0! + tmp[i + cols]! * w1! + tmp[i + c2]! * w2! + tmp[i + c3]! * w3! + tmp[i + c4]! * w4!
        + tmp[i + c5]! * w5! + tmp[i + c6]! * w6! + tmp[i + c7]! * w7! + tmp[i + c8]! * w8! + tmp[i + c9]! * w9!);
    }
  }
}
