/**
 * The one resampling step in front of every face net: take an integer crop of the image, place
 * it in a zero-filled square, and resize the square bilinearly to the net's input size, writing
 * raw 0..255 float RGB (NHWC) straight into the input tensor.
 *
 * This copies tfjs's resizeBilinear(alignCorners=false, halfPixelCenters=false), which face-api
 * uses: source = dst · (in/out) (the "asymmetric" mapping, no half-pixel shift), neighbours
 * floor(source) and min(in − 1, ceil(source)), lerp along x then y. Index maths is done in
 * float32 like the tfjs kernel so the sampled rows/columns are the same ones.
 */
import type { RgbImage } from '../images/decode.js';
import { rowLerp } from './lerp-rows.js';

/** An integer crop of the image placed in a square of side `side` at (padLeft, padTop); the rest is zero. */
export interface SquareCrop {
  x: number;
  y: number;
  width: number;
  height: number;
  padLeft: number;
  padTop: number;
  side: number;
}

interface Taps {
  /** Offsets of the two neighbours along the axis (in pixels of the image, −1 = padding). */
  i0: Int32Array;
  i1: Int32Array;
  frac: Float32Array;
}

/** For each output index along one axis: which image pixels it reads and with what weight. */
function taps(outSize: number, side: number, cropStart: number, cropLength: number, pad: number): Taps {
  const scale = Math.fround(side / outSize);
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  const toImage = (v: number): number => {
    const c = v - pad;
    return c >= 0 && c < cropLength ? cropStart + c : -1;
  };
  for (let o = 0; o < outSize; o++) {
    const src = Math.fround(scale * o);
    const lo = Math.floor(src);
    i0[o] = toImage(lo);
    i1[o] = toImage(Math.min(side - 1, Math.ceil(src)));
    frac[o] = Math.fround(src - lo);
  }
  return { i0, i1, frac };
}

/**
 * Writes the resized square into `out` at `offset` (size·size·3 floats). Rows and columns that
 * fall in the padding read as 0, like the zeros tfjs concatenates before resizing. The pixels
 * whose four neighbours are all inside the crop (nearly all) are lerped in WebAssembly
 * (lerp-rows.ts), the padding's edges here.
 */
export function resizeSquare(img: RgbImage, crop: SquareCrop, size: number, out: Float32Array, offset = 0): void {
  const { data, width } = img;
  const cols = taps(size, crop.side, crop.x, crop.width, crop.padLeft);
  const rows = taps(size, crop.side, crop.y, crop.height, crop.padTop);
  const stride = width * 3;
  // Byte offsets of the column taps (−1 in the padding), so the inner loop only adds.
  const col0 = cols.i0.map((i) => (i < 0 ? -1 : i * 3));
  const col1 = cols.i1.map((i) => (i < 0 ? -1 : i * 3));
  const fxs = cols.frac;
  // The columns whose two taps are both inside the crop form one run [inLo, inHi): the taps grow
  // with the column, and only the padding at either end reads −1.
  let inLo = 0;
  while (inLo < size && (col0[inLo]! < 0 || col1[inLo]! < 0)) inLo++;
  let inHi = size;
  while (inHi > inLo && (col0[inHi - 1]! < 0 || col1[inHi - 1]! < 0)) inHi--;
  // The WebAssembly loop reads the crop's columns of two rows, so its taps count from the crop's left edge.
  const left = crop.x * 3;
  const lerp = rowLerp(col0.map((o) => o - left), col1.map((o) => o - left), fxs, inLo, inHi, size, crop.width * 3);
  const dst = lerp.out;
  for (let r = 0; r < size; r++) {
    const r0 = rows.i0[r]!;
    const r1 = rows.i1[r]!;
    const fy = rows.frac[r]!;
    const rowAt = r * size * 3;
    if (r0 < 0 && r1 < 0) {
      dst.fill(0, rowAt, rowAt + size * 3);
      continue;
    }
    const base0 = r0 * stride;
    const base1 = r1 * stride;
    const edge = (c: number): void => {
      const c0 = col0[c]!;
      const c1 = col1[c]!;
      const fx = fxs[c]!;
      for (let ch = 0; ch < 3; ch++) {
        const tl = r0 >= 0 && c0 >= 0 ? data[base0 + c0 + ch]! : 0;
        const tr = r0 >= 0 && c1 >= 0 ? data[base0 + c1 + ch]! : 0;
        const bl = r1 >= 0 && c0 >= 0 ? data[base1 + c0 + ch]! : 0;
        const br = r1 >= 0 && c1 >= 0 ? data[base1 + c1 + ch]! : 0;
        const top = tl + (tr - tl) * fx;
        const bottom = bl + (br - bl) * fx;
        dst[rowAt + 3 * c + ch] = top + (bottom - top) * fy;
      }
    };
    if (r0 < 0 || r1 < 0) {
      for (let c = 0; c < size; c++) edge(c);
      continue;
    }
    for (let c = 0; c < inLo; c++) edge(c);
    // inside the crop (nearly every pixel); its last store spills a float onto column inHi, written next
    if (inHi > inLo) lerp.row(data, base0 + left, base1 + left, fy, r);
    for (let c = inHi; c < size; c++) edge(c);
  }
  out.set(dst, offset);
}

/**
 * face-api's padToSquare(isCenterImage=true) for a w×h crop: the minor axis gets round(d/2)
 * zeros after and the rest before (d = |w − h|).
 */
export function centredSquare(x: number, y: number, width: number, height: number): SquareCrop {
  const d = Math.abs(width - height);
  const before = d - Math.round(d / 2);
  return { x, y, width, height, side: Math.max(width, height), padLeft: height > width ? before : 0, padTop: width > height ? before : 0 };
}

/**
 * A detector's input: the whole image zero-padded to a square at the bottom/right (face-api's
 * padToSquare without centring) and resized to size×size, into `out` when given (every value is written).
 */
export function squareInput(img: RgbImage, size: number, out: Float32Array = new Float32Array(size * size * 3)): Float32Array {
  const side = Math.max(img.width, img.height);
  resizeSquare(img, { x: 0, y: 0, width: img.width, height: img.height, padLeft: 0, padTop: 0, side }, size, out);
  return out;
}

/**
 * From fractions of squareInput's square to fractions of the image, per axis. face-api divides
 * by the rounded size the image would have in the square (computeReshapedDimensions), not the
 * exact max(W, H)/W, so boxes of non-square photos shift by up to half a pixel; copied as is.
 */
export function squareCorrection(width: number, height: number, size: number): [number, number] {
  const scale = size / Math.max(width, height);
  return [size / Math.round(width * scale), size / Math.round(height * scale)];
}
