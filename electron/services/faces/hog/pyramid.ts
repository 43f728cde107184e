/**
 * dlib's pyramid_down<6> on RGB images: each level is 5/6 of the one above, resized bilinearly
 * the way dlib's RGB resize_image does it, to the bit. Its vectorised loop steps x in float32
 * four columns at a time and truncates, so those columns are emulated with Math.fround; the last
 * columns (where the four-wide step would read past the edge) take its double-precision loop.
 * Matching the pixels matters because the HOG features, and so the scores, are built from them.
 */
import type { RgbImage } from '../../images/decode.js';
import { DOWN_SLACK, downGroups, downHeap, tableBytes, type HeapPart } from './down-wasm.js';

const f = Math.fround;
const DOWN = 5 / 6;
const UP = 6 / 5;

/** One column's bilinear taps: left source column, its weight (1 − frac) and the right one's (frac). */
interface ColumnTaps {
  left: Int32Array;
  right: Int32Array;
  frac: Float64Array;
  /** frac and 1 − frac in float32, as dlib's SIMD loop holds them. */
  fracF: Float32Array;
  invFracF: Float32Array;
  /** Columns below this use float32 weights (dlib's SIMD loop), the rest double. */
  simdEnd: number;
}

function columnTaps(inW: number, outW: number): ColumnTaps {
  const scale = (inW - 1) / Math.max(outW - 1, 1);
  const left = new Int32Array(outW);
  const right = new Int32Array(outW);
  const frac = new Float64Array(outW);
  const start = -4 * scale;
  const lanes = [f(start), f(start + scale), f(start + 2 * scale), f(start + 3 * scale)];
  const step = f(4 * scale);
  let c = 0;
  for (; c < outW; c += 4) {
    for (let k = 0; k < 4; k++) lanes[k] = f(lanes[k]! + step);
    if (Math.trunc(lanes[3]!) + 1 >= inW) break;
    for (let k = 0; k < 4 && c + k < outW; k++) {
      const l = Math.trunc(lanes[k]!);
      left[c + k] = l;
      right[c + k] = l + 1;
      frac[c + k] = f(lanes[k]! - l);
    }
  }
  const simdEnd = Math.min(c, outW);
  let x = -scale + simdEnd * scale;
  for (let cc = simdEnd; cc < outW; cc++) {
    x += scale;
    const l = Math.floor(x);
    left[cc] = l;
    right[cc] = Math.min(l + 1, inW - 1);
    frac[cc] = x - l;
  }
  const fracF = Float32Array.from(frac);
  const invFracF = fracF.map((v) => 1 - v);
  return { left, right, frac, fracF, invFracF, simdEnd };
}

/** Each output row's bilinear taps: top source row, bottom one, and the bottom one's weight. */
interface RowTaps {
  top: Int32Array;
  bottom: Int32Array;
  frac: Float64Array;
}

function rowTaps(inH: number, outH: number): RowTaps {
  const yScale = (inH - 1) / Math.max(outH - 1, 1);
  const top = new Int32Array(outH);
  const bottom = new Int32Array(outH);
  const frac = new Float64Array(outH);
  // Accumulated as dlib does (not r·yScale): the sum's rounding decides a few weights' last bits.
  let y = -yScale;
  for (let r = 0; r < outH; r++) {
    y += yScale;
    top[r] = Math.floor(y);
    bottom[r] = Math.min(top[r]! + 1, inH - 1);
    frac[r] = y - top[r]!;
  }
  return { top, bottom, frac };
}

/** A level's size under pyramid_down<6>: (5·h)/6 × (5·w)/6, integer division. */
export const downSize = (side: number): number => Math.floor((5 * side) / 6);

/** A rectangle of a level, half-open: columns [x0, x1), rows [y0, y1). */
export type Region = readonly [x0: number, y0: number, x1: number, y1: number];

/** The taps of one pyramid_down<6> step from a level of inW × inH. */
export interface DownStep {
  inW: number;
  inH: number;
  outW: number;
  outH: number;
  cols: ColumnTaps;
  rows: RowTaps;
}

export function downStep(inW: number, inH: number): DownStep {
  const outW = downSize(inW);
  const outH = downSize(inH);
  return { inW, inH, outW, outH, cols: columnTaps(inW, outW), rows: rowTaps(inH, outH) };
}

/** The part of the level above that a region of the step's output reads. */
export function sourceRegion(step: DownStep, [x0, y0, x1, y1]: Region): Region {
  return [step.cols.left[x0]!, step.rows.top[y0]!, step.cols.right[x1 - 1]! + 1, step.rows.bottom[y1 - 1]! + 1];
}

const align = (n: number): number => (n + 15) & ~15;

/**
 * One step for a region of the output, written in downHeap() from byte outAt on (rows of the
 * region's width), from a part of the level above there holding sourceRegion(step, region); the
 * tables at tablesAt (tableBytes(rows, ⌈width / 4⌉)). The memory is grown by the caller.
 */
function downInto(src: HeapPart, step: DownStep, [x0, y0, x1, y1]: Region, outAt: number, tablesAt: number): void {
  const { cols, rows } = step;
  const outStride = (x1 - x0) * 3;
  const simdEnd = Math.min(Math.max(cols.simdEnd, x0), x1);
  // Groups of four float32 columns in WebAssembly (down-wasm.ts): the last may run past x1 (its
  // extra pixels land where the next row starts, and are made again there) while its taps are
  // the float32 loop's; the columns left, here.
  let groups = (simdEnd - x0 + 3) >> 2;
  if (x0 + 4 * groups > cols.simdEnd) groups--;
  if (groups > 0) downGroups(src, cols, rows, x0, groups, y0, y1, outAt, outStride, tablesAt);
  const jsFrom = Math.min(x0 + 4 * Math.max(groups, 0), simdEnd);
  if (jsFrom >= x1) return;
  const data = downHeap();
  const stride = src.stride;
  for (let r = y0; r < y1; r++) {
    const tb = rows.frac[r]!;
    const tbF = f(tb);
    const invTbF = f(1 - tb);
    const topRow = src.at + (rows.top[r]! - src.y) * stride - src.x * 3;
    const bottomRow = src.at + (rows.bottom[r]! - src.y) * stride - src.x * 3;
    let o = outAt + (r - y0) * outStride + (jsFrom - x0) * 3;
    for (let c = jsFrom; c < simdEnd; c++, o += 3) {
      const lr = cols.fracF[c]!;
      const invLr = cols.invFracF[c]!;
      const tlf = f(invTbF * invLr);
      const trf = f(invTbF * lr);
      const blf = f(tbF * invLr);
      const brf = f(tbF * lr);
      const tl = topRow + cols.left[c]! * 3;
      const tr = topRow + cols.right[c]! * 3;
      const bl = bottomRow + cols.left[c]! * 3;
      const br = bottomRow + cols.right[c]! * 3;
      data[o] = f(f(f(f(tlf * data[tl]!) + f(trf * data[tr]!)) + f(blf * data[bl]!)) + f(brf * data[br]!));
      data[o + 1] = f(f(f(f(tlf * data[tl + 1]!) + f(trf * data[tr + 1]!)) + f(blf * data[bl + 1]!)) + f(brf * data[br + 1]!));
      data[o + 2] = f(f(f(f(tlf * data[tl + 2]!) + f(trf * data[tr + 2]!)) + f(blf * data[bl + 2]!)) + f(brf * data[br + 2]!));
    }
    for (let c = simdEnd; c < x1; c++, o += 3) {
      const lr = cols.frac[c]!;
      const l = cols.left[c]! * 3;
      const rr = cols.right[c]! * 3;
      for (let ch = 0; ch < 3; ch++) {
        const v = (1 - tb) * ((1 - lr) * data[topRow + l + ch]! + lr * data[topRow + rr + ch]!) + tb * ((1 - lr) * data[bottomRow + l + ch]! + lr * data[bottomRow + rr + ch]!);
        data[o + ch] = Math.trunc(v);
      }
    }
  }
}

const width = (r: Region): number => Math.max(0, r[2] - r[0]);
const height = (r: Region): number => Math.max(0, r[3] - r[1]);

/** A region of a part in downHeap() as an image of its own. */
function readPart(src: HeapPart, [x0, y0, x1, y1]: Region): RgbImage {
  const w = width([x0, y0, x1, y1]);
  const h = height([x0, y0, x1, y1]);
  const data = new Uint8Array(w * h * 3);
  const heap = downHeap();
  for (let r = 0; r < h; r++) {
    const from = src.at + (y0 - src.y + r) * src.stride + (x0 - src.x) * 3;
    data.set(heap.subarray(from, from + w * 3), r * w * 3);
  }
  return { width: w, height: h, data };
}

/**
 * One pyramid_down<6> step for a region of the output only, to the bit what the whole step gives
 * there: `src` holds the level above from (srcX, srcY) on, at least sourceRegion(step, region).
 */
export function pyramidDownPart(src: RgbImage, srcX: number, srcY: number, step: DownStep, region: Region): RgbImage {
  const [w, h] = [width(region), height(region)];
  if (w === 0 || h === 0) return { width: w, height: h, data: new Uint8Array(0) };
  const outAt = align(src.data.length + DOWN_SLACK);
  const tablesAt = align(outAt + w * h * 3 + DOWN_SLACK);
  downHeap(tablesAt + tableBytes(h, Math.ceil(w / 4))).set(src.data, 0);
  downInto({ at: 0, stride: src.width * 3, x: srcX, y: srcY }, step, region, outAt, tablesAt);
  return readPart({ at: outAt, stride: w * 3, x: region[0], y: region[1] }, region);
}

/**
 * The pyramid's levels 1 … steps.length on regions only: level l on need[l] (each holding what
 * the next one reads, sourceRegion), every level kept in the module's memory for the next; the
 * regions asked for in `out` (each within its level's need) come back as images. Level 0 is
 * `img` itself (need[0] is the part of it copied in).
 */
export function pyramidParts(img: RgbImage, steps: readonly DownStep[], need: readonly Region[], out: ReadonlyMap<number, Region>): Map<number, RgbImage> {
  const parts = new Map<number, RgbImage>();
  if (steps.length === 0) return parts;
  const area = Math.max(...need.slice(0, steps.length + 1).map((r) => width(r) * height(r)));
  const buffer = align(area * 3 + DOWN_SLACK);
  const tablesAt = 2 * buffer;
  const most = Math.max(...need.slice(1, steps.length + 1).map((r) => tableBytes(height(r), Math.ceil(width(r) / 4))), 0);
  const heap = downHeap(tablesAt + most);
  const [x0, y0] = need[0]!;
  const w0 = width(need[0]!);
  for (let r = 0; r < height(need[0]!); r++) {
    const from = ((y0 + r) * img.width + x0) * 3;
    heap.set(img.data.subarray(from, from + w0 * 3), r * w0 * 3);
  }
  let part: HeapPart = { at: 0, stride: w0 * 3, x: x0, y: y0 };
  for (let l = 1; l <= steps.length; l++) {
    const region = need[l]!;
    const at = l % 2 ? buffer : 0;
    if (width(region) > 0 && height(region) > 0) downInto(part, steps[l - 1]!, region, at, tablesAt);
    part = { at, stride: width(region) * 3, x: region[0], y: region[1] };
    const want = out.get(l);
    if (want) parts.set(l, readPart(part, want));
  }
  return parts;
}

/** One pyramid_down<6> step of a whole image, bilinear. */
export function pyramidDown(img: RgbImage): RgbImage {
  const step = downStep(img.width, img.height);
  return pyramidDownPart(img, 0, 0, step, [0, 0, step.outW, step.outH]);
}

/** dlib's drectangle → rectangle: each edge to the nearest integer, halves up. */
const nearest = (v: number): number => Math.floor(v + 0.5);

/**
 * How many levels dlib scans: it shrinks the image's rectangle (not the images, whose sizes
 * round differently) until a side falls below the minimum, counting the level that did.
 */
export function pyramidLevels(width: number, height: number, minWidth: number, minHeight: number, maxLevels: number): number {
  let [l, t, r, b] = [0, 0, width - 1, height - 1];
  let levels = 0;
  do {
    [l, t, r, b] = [l, t, r, b].map((v) => nearest((v - 0.3) * DOWN)) as [number, number, number, number];
    levels++;
  } while (r - l + 1 >= minWidth && b - t + 1 >= minHeight && levels < maxLevels);
  return levels;
}

/** A level's rectangle [l, t, r, b] (inclusive) in the original image's pixels. */
export function rectUp(rect: readonly [number, number, number, number], levels: number): [number, number, number, number] {
  return rect.map((v) => {
    let p = v;
    for (let i = 0; i < levels; i++) p = p * UP + 0.3;
    return nearest(p);
  }) as [number, number, number, number];
}
