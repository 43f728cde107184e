/**
 * The linear filter scan of one pyramid level: each detector's score at every window position
 * is the sum over fhog planes of the plane filtered by that plane's separable pairs (a row pass,
 * then a column pass), as dlib's float_spatially_filter_image_separable does it. Sums run in
 * double and are stored in float32, so scores agree with dlib's to ~1e-6 (dlib sums in float
 * with its own order). The passes run in WebAssembly (scan-wasm.ts).
 */
import type { Fhog } from './fhog.js';
import { FHOG_PLANES, FILTER_SIZE, type HogDetector } from './model.js';
import { filterPairAt, scanHeap } from './scan-wasm.js';

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
  const size = rows * cols;
  const { top, bottom, left, right } = validArea(fh, filterWidth, filterHeight);
  if (bottom <= top || right <= left) return new Float32Array(size);
  // In the scan module's memory (scan-wasm.ts): the pairs' taps, the planes, tmp (+ the odd lane's floats), the scores.
  const pairs = det.planes.reduce((n, p) => n + p.length, 0);
  const planesAt = pairs * 2 * FILTER_SIZE;
  const tmpAt = planesAt + FHOG_PLANES * size + 2;
  const outAt = tmpAt + size + 2;
  const heap = scanHeap(outAt + size + 2);
  heap.set(fh.planes, planesAt);
  heap.fill(0, outAt, outAt + size);
  // extractFhog pads the planes for the scan with (filterHeight − 1) / 2 zero rows above, the rest
  // below: there the row pass gives 0 (or −0, which adds nothing the column pass keeps), so it
  // skips them and tmp holds zeros there.
  const pad = (filterHeight - 1) >> 1;
  const busy = [pad, rows - (filterHeight - 1 - pad)] as const;
  heap.fill(0, tmpAt, tmpAt + busy[0] * cols);
  heap.fill(0, tmpAt + busy[1] * cols, tmpAt + size);
  let at = 0;
  for (const plane of det.planes) {
    for (const { row, col } of plane) {
      heap.set(row, at);
      heap.set(col, at + FILTER_SIZE);
      at += 2 * FILTER_SIZE;
    }
  }
  at = 0;
  for (let p = 0; p < FHOG_PLANES; p++) {
    for (let k = 0; k < det.planes[p]!.length; k++, at += 2 * FILTER_SIZE) filterPairAt(planesAt + p * size, tmpAt, outAt, at, busy, cols, left, right, top, bottom);
  }
  const out = heap.slice(outAt, outAt + size);
  // An odd span's last pair also wrote column `right`, outside the valid area.
  if ((right - left) % 2) for (let r = top; r < bottom; r++) out[r * cols + right] = 0;
  return out;
}
